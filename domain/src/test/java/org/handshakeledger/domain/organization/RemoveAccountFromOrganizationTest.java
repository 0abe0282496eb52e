package org.handshakeledger.domain.organization;

import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.REQUEST_EXPIRES_AT;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.SECOND_APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.SECOND_MEMBER;
import static org.handshakeledger.domain.LedgerExamples.STRANGER;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.joined;

import java.time.Instant;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalSettledEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The management account removing a member. While all features are being enabled, the removed member's approval is
 * canceled and settled like a member that leaves; removing a member that declined is how the management account
 * gets a request moving again (spec §7.2 step 5).
 */
class RemoveAccountFromOrganizationTest {
    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER), joined(ORG, SECOND_MEMBER));
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

            fixture.when(invite(INVITATION, MEMBER, T2))
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
            fixture.givenCommands(enableAllFeatures(T0));
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
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(remove(MANAGEMENT, MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, T2),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void letsTheManagementAccountFinishOnceTheMemberThatDeclinedIsRemoved() {
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1), remove(MANAGEMENT, MEMBER, T2));

            // the declined and the accepted approval took retention-4 and -5
            fixture.when(acceptHandshake(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT, MANAGEMENT, T2, "handshake-retention-6"),
                           new AllFeaturesEnabledEvent(ORG, PARENT, T2));
        }

        @Test
        void removesAMemberThatDeclinedLongAgoWhileTheRequestIsStillPending() {
            Instant approvalDeleted = T1.plus(RETENTION);
            Instant removedAt = approvalDeleted.plusSeconds(1);
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T1),
                            acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, approvalDeleted))
                   .givenTimeAdvancedTo(approvalDeleted);

            fixture.when(remove(MANAGEMENT, MEMBER, removedAt))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, removedAt),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.REMOVED, removedAt),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, removedAt),
                           new HandshakeOpenedEvent(PARENT, removedAt));
        }

        @Test
        void leavesAnApprovalTheMemberAcceptedAlone() {
            fixture.givenCommands(acceptHandshake(APPROVAL, MEMBER, T1));

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

    private static RemoveAccountFromOrganizationCommand remove(AccountId caller, AccountId member, Instant at) {
        return new RemoveAccountFromOrganizationCommand(ORG, caller, member, at);
    }}
