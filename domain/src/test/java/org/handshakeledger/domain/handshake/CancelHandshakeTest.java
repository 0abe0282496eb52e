package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesMigrationEndedEvent;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.handshakeledger.domain.organization.InvitationReleasedEvent;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Canceling a handshake: only its originator, the organization's management account, may. A canceled invitation
 * gives its slot back; a canceled enable-all-features request cancels its approvals still open and ends the
 * migration, so the organization may invite and request again (spec §7.2 step 5).
 */
class CancelHandshakeTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Instant EXPIRES_AT = T0.plus(Duration.ofDays(15));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId SMALL_ORG = new OrganizationId("o-s1m2a3l4l5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final AccountId MEMBER = new AccountId("333333333333");
    private static final AccountId SECOND_MEMBER = new AccountId("444444444444");
    private static final AccountId OTHER_RECIPIENT = new AccountId("555555555555");
    private static final AccountId SMALL_MANAGEMENT = new AccountId("888888888888");
    private static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    private static final HandshakeId OTHER_INVITATION = new HandshakeId("h-invite000002");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);
    private static final HandshakeId SECOND_APPROVAL = PARENT.approvalFor(SECOND_MEMBER);

    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final OrganizationProfile SMALL_PROFILE = new OrganizationProfile(SMALL_ORG, SMALL_MANAGEMENT,
            "s@example.com", "Small", FeatureSet.CONSOLIDATED_BILLING);
    private static final String RECIPIENT_EMAIL = "r@example.com";
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0), joined(MEMBER),
                        joined(SECOND_MEMBER))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0))
                .givenAccount(SECOND_MEMBER, new AccountMembershipClaimedEvent(SECOND_MEMBER, ORG, false, T0))
                .givenOrganization(SMALL_ORG, new OrganizationCreatedEvent(SMALL_PROFILE, T0))
                .givenAccount(SMALL_MANAGEMENT, new AccountMembershipClaimedEvent(SMALL_MANAGEMENT, SMALL_ORG, true,
                        T0));
    }

    /** The invitation of {@link #RECIPIENT} to {@link #ORG}, sent at T0; its expiry is not scheduled here. */
    private void givenAnOpenInvitation() {
        fixture.givenOrganization(ORG, new InvitationReservedEvent(ORG, INVITATION, "account:" + RECIPIENT, RECIPIENT,
                        T0, EXPIRES_AT))
               .givenHandshake(INVITATION, new AccountInvitedEvent(INVITATION, PROFILE,
                       new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT), RECIPIENT, "hi", List.of(),
                       MANAGEMENT, T0, EXPIRES_AT, RETENTION, "expiry-0"));
    }

    @Nested
    class CancelingAnInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void cancelsAnOpenInvitationForTheOriginatorAndFreesItsSlot() {
            fixture.when(cancel(INVITATION, MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   T1, "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, T1));
        }

        @Test
        void cancelsTheExpiryAndSchedulesTheDeletionRetentionLater() {
            fixture.givenCommands(new InviteAccountToOrganizationCommand(OTHER_INVITATION, ORG, MANAGEMENT,
                    new HandshakeParty(OTHER_RECIPIENT.value(), PartyType.ACCOUNT), OTHER_RECIPIENT, null, List.of(),
                    T0, T0.plus(INVITATION_LIFETIME), RETENTION, LIMITS));

            fixture.when(cancel(OTHER_INVITATION, MANAGEMENT, T1)).expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION, T1.plus(RETENTION),
                            new RetentionDue(OTHER_INVITATION, T1.plus(RETENTION))));
        }

        @Test
        void refusesTheRecipientCancelingTheInvitation() {
            fixture.when(cancel(INVITATION, RECIPIENT, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAMemberOfTheOrganizationCancelingTheInvitation() {
            fixture.when(cancel(INVITATION, MEMBER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void stillCancelsOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);

            fixture.when(cancel(INVITATION, MANAGEMENT, justInTime))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   justInTime, "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, justInTime));
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.when(cancel(INVITATION, MANAGEMENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class CancelingASettledInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void refusesCancelingAnAcceptedInvitation() {
            fixture.givenCommands(new AcceptHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, "Recipient", T1,
                    AcceptWhileMember.MOVE));

            fixture.when(cancel(INVITATION, MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesCancelingADeclinedInvitation() {
            fixture.givenCommands(new DeclineHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, T1));

            fixture.when(cancel(INVITATION, MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondCancelAsAlreadyInState() {
            fixture.givenCommands(cancel(INVITATION, MANAGEMENT, T1));

            fixture.when(cancel(INVITATION, MANAGEMENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesCancelingAnExpiredInvitation() {
            fixture.givenHandshake(INVITATION, new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "retention-0"));

            fixture.when(cancel(INVITATION, MANAGEMENT, EXPIRES_AT.plusSeconds(60)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheRoleBeforeTheState() {
            fixture.givenCommands(cancel(INVITATION, MANAGEMENT, T1));

            fixture.when(cancel(INVITATION, RECIPIENT, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class CancelingTheEnableAllFeaturesRequest {
        @Test
        void cancelsARequestedParentWithItsApprovalsAndEndsTheMigration() {
            fixture.givenCommands(enableAllFeatures(T1));

            // the request took expiry-1, its approvals expiry-2 and -3
            fixture.when(cancel(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   T2, "handshake-retention-4"),
                           new HandshakeCanceledEvent(APPROVAL, null, CloseReason.ALL_FEATURES_REQUEST_CANCELED, T2,
                                   "handshake-retention-5"),
                           new HandshakeCanceledEvent(SECOND_APPROVAL, null,
                                   CloseReason.ALL_FEATURES_REQUEST_CANCELED, T2, "handshake-retention-6"),
                           new AllFeaturesMigrationEndedEvent(ORG, PARENT, T2));
        }

        @Test
        void cancelsTheExpiryOfTheRequestAndOfEachApproval() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T2)).expectSuccess();

            assertThat(fixture.deadlines().scheduled()).extracting(Scheduled::id, Scheduled::payload)
                    .containsExactly(
                            tuple("handshake-retention-4", new RetentionDue(PARENT, T2.plus(RETENTION))),
                            tuple("handshake-retention-5", new RetentionDue(APPROVAL, T2.plus(RETENTION))),
                            tuple("handshake-retention-6", new RetentionDue(SECOND_APPROVAL, T2.plus(RETENTION))));
        }

        @Test
        void leavesAnsweredApprovalsAlone() {
            fixture.givenCommands(enableAllFeatures(T1),
                    new AcceptHandshakeCommand(APPROVAL, MEMBER, "member@example.com", "Member", T1,
                            AcceptWhileMember.MOVE),
                    new DeclineHandshakeCommand(SECOND_APPROVAL, SECOND_MEMBER, "second@example.com", T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   T2, "handshake-retention-6"),
                           new AllFeaturesMigrationEndedEvent(ORG, PARENT, T2));
        }

        @Test
        void cancelsARequestThatIsOpenForTheManagementAccount() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1,
                    T1.plus(MIGRATION_LIFETIME), RETENTION));

            fixture.when(cancel(PARENT, SMALL_MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, SMALL_MANAGEMENT,
                                   CloseReason.CANCELED_BY_ORIGINATOR, T2, "handshake-retention-2"),
                           new AllFeaturesMigrationEndedEvent(SMALL_ORG, PARENT, T2));
        }

        @Test
        void closesItsApprovalsForTheirMembers() {
            fixture.givenCommands(enableAllFeatures(T1), cancel(PARENT, MANAGEMENT, T1));

            fixture.when(new AcceptHandshakeCommand(APPROVAL, MEMBER, "member@example.com", "Member", T2,
                           AcceptWhileMember.MOVE))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void cancelsARequestWhoseDeclinedApprovalWasDeletedAfterItsRetention() {
            Instant approvalDeleted = T1.plus(RETENTION);
            Instant later = approvalDeleted.plusSeconds(1);
            fixture.givenCommands(enableAllFeatures(T1),
                            new DeclineHandshakeCommand(APPROVAL, MEMBER, "member@example.com", T1))
                   .givenTimeAdvancedTo(approvalDeleted);

            fixture.when(cancel(PARENT, MANAGEMENT, later))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   later, "handshake-retention-5"),
                           new HandshakeCanceledEvent(SECOND_APPROVAL, null,
                                   CloseReason.ALL_FEATURES_REQUEST_CANCELED, later, "handshake-retention-6"),
                           new AllFeaturesMigrationEndedEvent(ORG, PARENT, later));
        }

        @Test
        void refusesAMemberCancelingTheRequest() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(cancel(PARENT, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesASecondCancelAsAlreadyInState() {
            fixture.givenCommands(enableAllFeatures(T1), cancel(PARENT, MANAGEMENT, T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesCancelingAnAcceptedRequest() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1,
                            T1.plus(MIGRATION_LIFETIME), RETENTION),
                    new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small", T1,
                            AcceptWhileMember.MOVE));

            fixture.when(cancel(PARENT, SMALL_MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesCancelingARequestAtItsExpirationTime() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T1.plus(MIGRATION_LIFETIME)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class CancelingAnApproval {
        @BeforeEach
        void setUp() {
            fixture.givenCommands(enableAllFeatures(T1));
        }

        @Test
        void refusesTheMemberCancelingItsApproval() {
            fixture.when(cancel(APPROVAL, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void cancelsAnApprovalForTheManagementAccountWhichSentIt() {
            fixture.when(cancel(APPROVAL, MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(APPROVAL, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                           T2, "handshake-retention-4"));
        }
    }

    private static AccountJoinedOrganizationEvent joined(AccountId account) {
        return new AccountJoinedOrganizationEvent(ORG, account, account.value() + "@example.com", "Member",
                JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()), List.of(), T0);
    }

    private static CancelHandshakeCommand cancel(HandshakeId handshake, AccountId caller, Instant at) {
        return new CancelHandshakeCommand(handshake, caller, at);
    }

    private static EnableAllFeaturesCommand enableAllFeatures(Instant at) {
        return new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, at, at.plus(MIGRATION_LIFETIME), RETENTION);
    }
}
