package org.handshakeledger.domain.organization;

import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.CREATED_MEMBER;
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
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.joinedAsCreated;

import java.time.Instant;

import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.account.LeaveOrganizationCommand;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalSettledEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.InvalidHandshakeTransitionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A member leaving its organization on its own. While all features are being enabled, the approval it still owes
 * is canceled and no longer blocks the request, which opens if it waited for nothing else (spec §5.3, §10 #26).
 */
class LeaveOrganizationTest {
    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER), joined(ORG, SECOND_MEMBER), joinedAsCreated(ORG, CREATED_MEMBER));
    }

    @Nested
    class LeavingAsAMember {
        @Test
        void leavesTheOrganizationAndReleasesItsAccount() {
            fixture.when(new LeaveOrganizationCommand(MEMBER, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T1),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T1));
        }

        @Test
        void refusesAnAccountThatAlreadyLeftAsNotInUse() {
            fixture.givenCommands(new LeaveOrganizationCommand(MEMBER, T1));

            fixture.when(new LeaveOrganizationCommand(MEMBER, T2))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesAnAccountTheLedgerHasNeverSeenAsNotInUse() {
            fixture.when(new LeaveOrganizationCommand(STRANGER, T1))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesTheManagementAccount() {
            fixture.when(new LeaveOrganizationCommand(MANAGEMENT, T1))
                   .expectException(MasterCannotLeaveOrganizationException.class);
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
        void withdrawsTheApprovalTheMemberStillOwed() {
            fixture.when(new LeaveOrganizationCommand(MEMBER, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T1),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T1),
                           new HandshakeCanceledEvent(APPROVAL, null, CloseReason.MEMBER_LEFT_ORGANIZATION, T1,
                                   "handshake-retention-4"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T1));
        }

        @Test
        void opensTheRequestWhenTheLastMemberItWaitedForLeaves() {
            fixture.givenCommands(acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(new LeaveOrganizationCommand(MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T2),
                           new HandshakeCanceledEvent(APPROVAL, null, CloseReason.MEMBER_LEFT_ORGANIZATION, T2,
                                   "handshake-retention-5"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void settlesTheDeclinedApprovalOfAMemberThatLeaves() {
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(new LeaveOrganizationCommand(MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T2),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void leavesAnApprovalTheMemberAcceptedAlone() {
            fixture.givenCommands(acceptHandshake(APPROVAL, MEMBER, T1));

            fixture.when(new LeaveOrganizationCommand(MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T2));
        }

        @Test
        void leavesLongAfterApprovingWhileTheRequestIsStillPending() {
            Instant approvalDeleted = T1.plus(RETENTION);
            fixture.givenCommands(acceptHandshake(APPROVAL, MEMBER, T1))
                   .givenTimeAdvancedTo(approvalDeleted);

            fixture.when(new LeaveOrganizationCommand(MEMBER, approvalDeleted.plusSeconds(1)))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, approvalDeleted.plusSeconds(1)),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT,
                                   approvalDeleted.plusSeconds(1)));
        }

        @Test
        void withdrawsNothingForAMemberThatWasNotAsked() {
            fixture.when(new LeaveOrganizationCommand(CREATED_MEMBER, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(CREATED_MEMBER, ORG, T1),
                           new AccountLeftOrganizationEvent(ORG, CREATED_MEMBER, DepartureReason.LEFT, T1));
        }

        @Test
        void leavesNothingToWithdrawOnceTheRequestExpired() {
            fixture.when(new LeaveOrganizationCommand(MEMBER, REQUEST_EXPIRES_AT))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, REQUEST_EXPIRES_AT),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, REQUEST_EXPIRES_AT));
        }

        @Test
        void closesTheApprovalForTheMemberThatLeft() {
            fixture.givenCommands(new LeaveOrganizationCommand(MEMBER, T1));

            fixture.when(acceptHandshake(APPROVAL, MEMBER, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesTheManagementAccountAndWithdrawsNothing() {
            fixture.when(new LeaveOrganizationCommand(MANAGEMENT, T1))
                   .expectException(MasterCannotLeaveOrganizationException.class);
        }
    }}
