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
 * Declining a handshake: only its recipient may, and a declined invitation gives its slot in the organization back.
 * A declined approval leaves its enable-all-features request waiting (spec §7.2 step 5).
 */
class DeclineHandshakeTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Instant EXPIRES_AT = T0.plus(Duration.ofDays(15));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final AccountId MEMBER = new AccountId("333333333333");
    private static final AccountId OTHER_RECIPIENT = new AccountId("444444444444");
    private static final AccountId STRANGER = new AccountId("555555555555");
    private static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    private static final HandshakeId OTHER_INVITATION = new HandshakeId("h-invite000002");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);

    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final String RECIPIENT_EMAIL = "r@example.com";
    private static final String MEMBER_EMAIL = "member@example.com";
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0),
                        new AccountJoinedOrganizationEvent(ORG, MEMBER, MEMBER_EMAIL, "Member", JoinedMethod.INVITED,
                                new HandshakeId("h-member000001"), List.of(), T0))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0));
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
    class DecliningAnInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void declinesAnOpenInvitationForTheInvitedAccountAndFreesItsSlot() {
            fixture.when(decline(RECIPIENT, T1))
                   .expectEvents(new HandshakeDeclinedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, T1));
        }

        @Test
        void cancelsTheExpiryAndSchedulesTheDeletionRetentionLater() {
            fixture.givenCommands(new InviteAccountToOrganizationCommand(OTHER_INVITATION, ORG, MANAGEMENT,
                    new HandshakeParty(OTHER_RECIPIENT.value(), PartyType.ACCOUNT), OTHER_RECIPIENT, null, List.of(),
                    T0, T0.plus(INVITATION_LIFETIME), RETENTION, LIMITS));

            fixture.when(new DeclineHandshakeCommand(OTHER_INVITATION, OTHER_RECIPIENT, "o@example.com", T1))
                   .expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION, T1.plus(RETENTION),
                            new RetentionDue(OTHER_INVITATION, T1.plus(RETENTION))));
        }

        @Test
        void declinesAnEmailInvitationForTheAccountWithThatEmailIgnoringCase() {
            fixture.givenOrganization(ORG, new InvitationReservedEvent(ORG, OTHER_INVITATION,
                            "email:someone@example.com", null, T0, EXPIRES_AT))
                   .givenHandshake(OTHER_INVITATION, new AccountInvitedEvent(OTHER_INVITATION, PROFILE,
                           new HandshakeParty("Someone@Example.com", PartyType.EMAIL), null, "hi", List.of(),
                           MANAGEMENT, T0, EXPIRES_AT, RETENTION, "expiry-0"));

            fixture.when(new DeclineHandshakeCommand(OTHER_INVITATION, OTHER_RECIPIENT, "someone@EXAMPLE.com", T1))
                   .expectEvents(new HandshakeDeclinedEvent(OTHER_INVITATION, OTHER_RECIPIENT, T1,
                                   "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, OTHER_INVITATION, T1));
        }

        @Test
        void refusesTheManagementAccountDecliningAnInvitation() {
            fixture.when(decline(MANAGEMENT, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAnAccountTheInvitationIsNotFor() {
            fixture.when(decline(STRANGER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void stillDeclinesOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);

            fixture.when(decline(RECIPIENT, justInTime))
                   .expectEvents(new HandshakeDeclinedEvent(INVITATION, RECIPIENT, justInTime,
                                   "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, justInTime));
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.when(decline(RECIPIENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class DecliningASettledInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void refusesDecliningAnAcceptedInvitation() {
            fixture.givenCommands(new AcceptHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, "Recipient", T1,
                    AcceptWhileMember.MOVE));

            fixture.when(decline(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondDeclineAsAlreadyInState() {
            fixture.givenCommands(decline(RECIPIENT, T1));

            fixture.when(decline(RECIPIENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesDecliningACanceledInvitation() {
            fixture.givenCommands(new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1));

            fixture.when(decline(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesDecliningAnExpiredInvitation() {
            fixture.givenHandshake(INVITATION, new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "retention-0"));

            fixture.when(decline(RECIPIENT, EXPIRES_AT.plusSeconds(60)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheRoleBeforeTheState() {
            fixture.givenCommands(decline(RECIPIENT, T1));

            fixture.when(decline(MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class DecliningAnApproval {
        @BeforeEach
        void setUp() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, T1,
                    T1.plus(MIGRATION_LIFETIME), RETENTION));
        }

        @Test
        void declinesTheApprovalAndTouchesNothingElse() {
            // the request took expiry-1 and the approval expiry-2
            fixture.when(new DeclineHandshakeCommand(APPROVAL, MEMBER, MEMBER_EMAIL, T2))
                   .expectEvents(new HandshakeDeclinedEvent(APPROVAL, MEMBER, T2, "handshake-retention-3"));
        }

        @Test
        void leavesTheRequestWaitingForTheManagementAccount() {
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, MEMBER_EMAIL, T2));

            fixture.when(new AcceptHandshakeCommand(PARENT, MANAGEMENT, "m@example.com", "Management", T2,
                           AcceptWhileMember.MOVE))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesTheManagementAccountDecliningAnApproval() {
            fixture.when(new DeclineHandshakeCommand(APPROVAL, MANAGEMENT, "m@example.com", T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesASecondDeclineAsAlreadyInState() {
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, MEMBER_EMAIL, T2));

            fixture.when(new DeclineHandshakeCommand(APPROVAL, MEMBER, MEMBER_EMAIL, T2.plusSeconds(60)))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesTheManagementAccountDecliningTheRequest() {
            fixture.when(new DeclineHandshakeCommand(PARENT, MANAGEMENT, "m@example.com", T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAMemberDecliningTheRequest() {
            fixture.when(new DeclineHandshakeCommand(PARENT, MEMBER, MEMBER_EMAIL, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    private static DeclineHandshakeCommand decline(AccountId caller, Instant at) {
        String email = caller.equals(RECIPIENT) ? RECIPIENT_EMAIL : caller.value() + "@example.com";
        return new DeclineHandshakeCommand(INVITATION, caller, email, at);
    }
}
