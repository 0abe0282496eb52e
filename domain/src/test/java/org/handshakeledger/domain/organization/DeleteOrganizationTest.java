package org.handshakeledger.domain.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.account.LeaveOrganizationCommand;
import org.handshakeledger.domain.handshake.AcceptHandshakeCommand;
import org.handshakeledger.domain.handshake.CancelHandshakeCommand;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.DeclineHandshakeCommand;
import org.handshakeledger.domain.handshake.EnableAllFeaturesCommand;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.InvalidHandshakeTransitionException;
import org.handshakeledger.domain.handshake.InviteAccountToOrganizationCommand;
import org.handshakeledger.domain.handshake.PartyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The management account deleting its organization once it is the only member: every handshake still holding
 * something there (open invitations, a pending enable-all-features request) is closed, and the management account
 * is standalone again.
 */
class DeleteOrganizationTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant EXPIRES_AT = T0.plus(INVITATION_LIFETIME);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final AccountId RECIPIENT = new AccountId("333333333333");
    private static final AccountId OTHER_RECIPIENT = new AccountId("444444444444");
    private static final AccountId THIRD_RECIPIENT = new AccountId("555555555555");
    private static final HandshakeId INVITATION = invitation(1);
    private static final HandshakeId OTHER_INVITATION = invitation(2);
    private static final HandshakeId THIRD_INVITATION = invitation(3);
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0));
    }

    @Nested
    class DeletingAnOrganization {
        @Test
        void deletesAnOrganizationWithOnlyItsManagementAccountAndReleasesIt() {
            fixture.when(delete(MANAGEMENT, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T1),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T1));
        }

        @Test
        void refusesAnOrganizationThatStillHasMembers() {
            givenAMember();

            fixture.when(delete(MANAGEMENT, T1))
                   .expectException(OrganizationNotEmptyException.class);
        }

        @Test
        void deletesOnceTheLastMemberLeft() {
            givenAMember();
            fixture.givenCommands(new LeaveOrganizationCommand(MEMBER, T1));

            fixture.when(delete(MANAGEMENT, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T2),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T2));
        }

        @Test
        void refusesAMemberAsAccessDeniedBeforeCheckingTheMembers() {
            givenAMember();

            fixture.when(delete(MEMBER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnOrganizationDeletedBeforeAsNotInUse() {
            fixture.givenCommands(delete(MANAGEMENT, T1));

            fixture.when(delete(MANAGEMENT, T2))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesInvitationsOnceDeleted() {
            fixture.givenCommands(delete(MANAGEMENT, T1));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }
    }

    @Nested
    class ClosingWhatTheOrganizationHeld {
        @Test
        void cancelsOpenInvitationsBeforeReleasingTheManagementAccount() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), invite(OTHER_INVITATION, OTHER_RECIPIENT, T0));

            fixture.when(delete(MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, null, CloseReason.ORGANIZATION_DELETED, T1,
                                   "handshake-retention-3"),
                           new HandshakeCanceledEvent(OTHER_INVITATION, null, CloseReason.ORGANIZATION_DELETED, T1,
                                   "handshake-retention-4"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T1),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T1));
        }

        @Test
        void leavesNothingOpenForItsRecipients() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), delete(MANAGEMENT, T1));

            fixture.when(new AcceptHandshakeCommand(INVITATION, RECIPIENT, "r@example.com", "Recipient", T2,
                           AcceptWhileMember.MOVE))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void recordsAnInvitationPastItsExpirationTimeAsExpiredNotCanceled() {
            Instant late = EXPIRES_AT.plus(Duration.ofDays(1));
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));

            fixture.when(delete(MANAGEMENT, late))
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, late),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, late));
        }

        @Test
        void stillCancelsAnInvitationOneMillisecondBeforeItsExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));

            fixture.when(delete(MANAGEMENT, justInTime))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, null, CloseReason.ORGANIZATION_DELETED,
                                   justInTime, "handshake-retention-2"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, justInTime),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, justInTime));
        }

        @Test
        void leavesAnsweredAndExpiredInvitationsAlone() {
            Instant later = EXPIRES_AT.plus(Duration.ofHours(1));
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), invite(OTHER_INVITATION, OTHER_RECIPIENT, T0),
                            invite(THIRD_INVITATION, THIRD_RECIPIENT, T0),
                            new DeclineHandshakeCommand(INVITATION, RECIPIENT, "r@example.com", T1),
                            new CancelHandshakeCommand(OTHER_INVITATION, MANAGEMENT, T1))
                   .givenTimeAdvancedTo(EXPIRES_AT);

            fixture.when(delete(MANAGEMENT, later))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, later),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, later));
        }

        @Test
        void deletesAnOrganizationWhoseExpiredInvitationWasDeletedAfterItsRetention() {
            Instant invitationDeleted = EXPIRES_AT.plus(RETENTION);
            Instant later = invitationDeleted.plusSeconds(1);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0))
                   .givenTimeAdvancedTo(invitationDeleted);

            fixture.when(delete(MANAGEMENT, later))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, later),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, later));
        }

        @Test
        void cancelsAPendingEnableAllFeaturesRequest() {
            givenAMember();
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, T0,
                    T0.plus(MIGRATION_LIFETIME), RETENTION), new LeaveOrganizationCommand(MEMBER, T1));

            // the request and its approval took expiry-1 and -2, the approval's cancellation retention-3
            fixture.when(delete(MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, null, CloseReason.ORGANIZATION_DELETED, T2,
                                   "handshake-retention-4"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T2),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T2));
        }
    }

    private void givenAMember() {
        fixture.givenOrganization(ORG, new AccountJoinedOrganizationEvent(ORG, MEMBER, "member@example.com", "Member",
                        JoinedMethod.INVITED, new HandshakeId("h-member000001"), List.of(), T0))
               .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0));
    }

    private static HandshakeId invitation(int number) {
        return new HandshakeId(String.format("h-invite%06d", number));
    }

    private static DeleteOrganizationCommand delete(AccountId caller, Instant at) {
        return new DeleteOrganizationCommand(ORG, caller, at);
    }

    private static InviteAccountToOrganizationCommand invite(HandshakeId id, AccountId recipient, Instant at) {
        return new InviteAccountToOrganizationCommand(id, ORG, MANAGEMENT,
                new HandshakeParty(recipient.value(), PartyType.ACCOUNT), recipient, null, List.of(), at,
                at.plus(INVITATION_LIFETIME), RETENTION, LIMITS);
    }
}
