package org.handshakeledger.domain.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import org.handshakeledger.domain.account.LeaveOrganizationCommand;
import org.handshakeledger.domain.handshake.AcceptHandshakeCommand;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalSettledEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.DeclineHandshakeCommand;
import org.handshakeledger.domain.handshake.EnableAllFeaturesCommand;
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
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant REQUEST_EXPIRES_AT = T0.plus(MIGRATION_LIFETIME);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final AccountId SECOND_MEMBER = new AccountId("333333333333");
    private static final AccountId CREATED_MEMBER = new AccountId("444444444444");
    private static final AccountId STRANGER = new AccountId("555555555555");
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
                        joined(SECOND_MEMBER), new AccountJoinedOrganizationEvent(ORG, CREATED_MEMBER,
                                "created@example.com", "Created", JoinedMethod.CREATED, null, List.of(), T0))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0))
                .givenAccount(SECOND_MEMBER, new AccountMembershipClaimedEvent(SECOND_MEMBER, ORG, false, T0))
                .givenAccount(CREATED_MEMBER, new AccountMembershipClaimedEvent(CREATED_MEMBER, ORG, false, T0));
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
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, T0, REQUEST_EXPIRES_AT,
                    RETENTION));
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
            fixture.givenCommands(accept(SECOND_APPROVAL, SECOND_MEMBER, T1));

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
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, "member@example.com", T1),
                    accept(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(new LeaveOrganizationCommand(MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T2),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void leavesAnApprovalTheMemberAcceptedAlone() {
            fixture.givenCommands(accept(APPROVAL, MEMBER, T1));

            fixture.when(new LeaveOrganizationCommand(MEMBER, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MEMBER, ORG, T2),
                           new AccountLeftOrganizationEvent(ORG, MEMBER, DepartureReason.LEFT, T2));
        }

        @Test
        void leavesLongAfterApprovingWhileTheRequestIsStillPending() {
            Instant approvalDeleted = T1.plus(RETENTION);
            fixture.givenCommands(accept(APPROVAL, MEMBER, T1))
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

            fixture.when(accept(APPROVAL, MEMBER, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesTheManagementAccountAndWithdrawsNothing() {
            fixture.when(new LeaveOrganizationCommand(MANAGEMENT, T1))
                   .expectException(MasterCannotLeaveOrganizationException.class);
        }
    }

    private static AccountJoinedOrganizationEvent joined(AccountId account) {
        return new AccountJoinedOrganizationEvent(ORG, account, account.value() + "@example.com", "Member",
                JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()), List.of(), T0);
    }

    private static AcceptHandshakeCommand accept(HandshakeId approval, AccountId member, Instant at) {
        return new AcceptHandshakeCommand(approval, member, member.value() + "@example.com", "Member", at,
                AcceptWhileMember.MOVE);
    }
}
