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
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.handshake.AcceptHandshakeCommand;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalSettledEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.DeclineHandshakeCommand;
import org.handshakeledger.domain.handshake.EnableAllFeaturesCommand;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.InviteAccountToOrganizationCommand;
import org.handshakeledger.domain.handshake.PartyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The management account removing a member. While all features are being enabled, the removed member's approval is
 * canceled and settled like a member that leaves; removing a member that declined is how the management account
 * gets a request moving again (spec §7.2 step 5).
 */
class RemoveAccountFromOrganizationTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant REQUEST_EXPIRES_AT = T0.plus(MIGRATION_LIFETIME);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final AccountId SECOND_MEMBER = new AccountId("333333333333");
    private static final AccountId STRANGER = new AccountId("444444444444");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);
    private static final HandshakeId SECOND_APPROVAL = PARENT.approvalFor(SECOND_MEMBER);
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0), joined(MEMBER),
                        joined(SECOND_MEMBER))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0))
                .givenAccount(SECOND_MEMBER, new AccountMembershipClaimedEvent(SECOND_MEMBER, ORG, false, T0));
    }

    @Nested
    class RemovingAMember {
        @Test
        void removesAMemberAndReleasesItsAccount() {
            fixture.when(remove(MANAGEMENT, MEMBER, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T1),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, T1));
        }

        @Test
        void letsTheRemovedAccountBeInvitedAgain() {
            fixture.givenCommands(remove(MANAGEMENT, MEMBER, T1));

            fixture.when(new InviteAccountToOrganizationCommand(new HandshakeId("h-invite000001"), ORG, MANAGEMENT,
                           new HandshakeParty(MEMBER.value(), PartyType.ACCOUNT), MEMBER, null, List.of(), T2,
                           T2.plus(INVITATION_LIFETIME), RETENTION, new InvitationLimits(10, 20)))
                   .expectSuccess();
        }

        @Test
        void refusesRemovingTheManagementAccount() {
            fixture.when(remove(MANAGEMENT, MANAGEMENT, T1))
                   .expectException(MasterCannotLeaveOrganizationException.class);
        }

        @Test
        void refusesAnAccountThatIsNotAMember() {
            fixture.when(remove(MANAGEMENT, STRANGER, T1))
                   .expectException(AccountNotFoundException.class);
        }

        @Test
        void refusesAnAccountRemovedBefore() {
            fixture.givenCommands(remove(MANAGEMENT, MEMBER, T1));

            fixture.when(remove(MANAGEMENT, MEMBER, T2))
                   .expectException(AccountNotFoundException.class);
        }

        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.when(remove(MEMBER, SECOND_MEMBER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnAccountOutsideTheOrganizationAsNotInUse() {
            fixture.when(remove(STRANGER, MEMBER, T1))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void checksTheRoleBeforeTheAccountToRemove() {
            fixture.when(remove(MEMBER, MANAGEMENT, T1))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class WhileAllFeaturesAreBeingEnabled {
        @BeforeEach
        void setUp() {
            // the request takes expiry-1, its approvals expiry-2 and -3
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, T0, REQUEST_EXPIRES_AT,
                    RETENTION));
        }

        @Test
        void withdrawsTheRemovedMembersPendingApproval() {
            fixture.when(remove(MANAGEMENT, MEMBER, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T1),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, T1),
                           new HandshakeCanceledEvent(APPROVAL, null, CloseReason.MEMBER_LEFT_ORGANIZATION, T1,
                                   "handshake-retention-4"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T1));
        }

        @Test
        void removingAMemberThatDeclinedOpensTheRequestForTheManagementAccount() {
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, "member@example.com", T1),
                    accept(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(remove(MANAGEMENT, MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, T2),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void letsTheManagementAccountFinishOnceTheMemberThatDeclinedIsRemoved() {
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, "member@example.com", T1),
                    accept(SECOND_APPROVAL, SECOND_MEMBER, T1), remove(MANAGEMENT, MEMBER, T2));

            // the declined and the accepted approval took retention-4 and -5
            fixture.when(accept(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT, MANAGEMENT, T2, "handshake-retention-6"),
                           new AllFeaturesEnabledEvent(ORG, PARENT, T2));
        }

        @Test
        void removesAMemberThatDeclinedLongAgoWhileTheRequestIsStillPending() {
            Instant approvalDeleted = T1.plus(RETENTION);
            Instant removedAt = approvalDeleted.plusSeconds(1);
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, "member@example.com", T1),
                            accept(SECOND_APPROVAL, SECOND_MEMBER, approvalDeleted))
                   .givenTimeAdvancedTo(approvalDeleted);

            fixture.when(remove(MANAGEMENT, MEMBER, removedAt))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, removedAt),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, removedAt),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, removedAt),
                           new HandshakeOpenedEvent(PARENT, removedAt));
        }

        @Test
        void leavesAnApprovalTheMemberAcceptedAlone() {
            fixture.givenCommands(accept(APPROVAL, MEMBER, T1));

            fixture.when(remove(MANAGEMENT, MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, T2));
        }

        @Test
        void leavesNothingToWithdrawOnceTheRequestExpired() {
            fixture.when(remove(MANAGEMENT, MEMBER, REQUEST_EXPIRES_AT))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, REQUEST_EXPIRES_AT),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED,
                                   REQUEST_EXPIRES_AT));
        }
    }

    private static AccountJoinedOrganizationEvent joined(AccountId account) {
        return new AccountJoinedOrganizationEvent(ORG, account, account.value() + "@example.com", "Member",
                JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()), List.of(), T0);
    }

    private static RemoveAccountFromOrganizationCommand remove(AccountId caller, AccountId member, Instant at) {
        return new RemoveAccountFromOrganizationCommand(ORG, caller, member, at);
    }

    private static AcceptHandshakeCommand accept(HandshakeId handshake, AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(handshake, caller, caller.value() + "@example.com", "Caller", at,
                AcceptWhileMember.MOVE);
    }
}
