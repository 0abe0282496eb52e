package org.handshakeledger.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingCommandGateway;
import org.handshakeledger.domain.handshake.HandshakeConstraintViolationException;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.RemoveDepartingMemberCommand;
import org.handshakeledger.domain.organization.StartOrganizationCommand;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccountAggregateTest {
    private static final AccountId ID = new AccountId("222222222222");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final OrganizationId ORG_ID = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId OTHER_ORG_ID = new OrganizationId("o-f6g7h8i9j0");

    private FixtureConfiguration<AccountAggregate> fixture;
    private RecordingCommandGateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new RecordingCommandGateway();
        fixture = new AggregateTestFixture<>(AccountAggregate.class);
        fixture.registerInjectableResource(gateway);
    }

    @Nested
    class CreateOrganization {
        @Test
        void makesAStandaloneAccountTheManagementAccount() {
            fixture.givenNoPriorActivity()
                   .when(createOrganization())
                   .expectEvents(new AccountMembershipClaimedEvent(ID, ORG_ID, true, T1));
        }

        @Test
        void startsTheOrganizationWithTheCallerAsManagementAccount() {
            fixture.givenNoPriorActivity()
                   .when(createOrganization())
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(new StartOrganizationCommand(ORG_ID, ID,
                    "owner@example.com", "Owner", FeatureSet.CONSOLIDATED_BILLING, T1));
        }

        @Test
        void createsAgainAfterTheAccountLeftItsOrganization() {
            fixture.given(memberOf(OTHER_ORG_ID), releasedFrom(OTHER_ORG_ID))
                   .when(createOrganization())
                   .expectEvents(new AccountMembershipClaimedEvent(ID, ORG_ID, true, T1));
        }

        @Test
        void refusesAMemberOfAnotherOrganization() {
            fixture.given(memberOf(OTHER_ORG_ID))
                   .when(createOrganization())
                   .expectNoEvents()
                   .expectException(AlreadyInOrganizationException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganization() {
            fixture.given(managementOf(OTHER_ORG_ID))
                   .when(createOrganization())
                   .expectNoEvents()
                   .expectException(AlreadyInOrganizationException.class);
        }
    }

    @Nested
    class ClaimMembershipWhileMemberMoves {
        @Test
        void joinsAStandaloneAccount() {
            fixture.givenNoPriorActivity()
                   .when(claim(AcceptWhileMember.MOVE))
                   .expectEvents(new AccountMembershipClaimedEvent(ID, ORG_ID, false, T1));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void joinsAnAccountThatLeftItsPreviousOrganization() {
            fixture.given(memberOf(OTHER_ORG_ID), releasedFrom(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.MOVE))
                   .expectEvents(new AccountMembershipClaimedEvent(ID, ORG_ID, false, T1));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void movesAMemberOfAnotherOrganization() {
            fixture.given(memberOf(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.MOVE))
                   .expectEvents(new AccountMembershipReleasedEvent(ID, OTHER_ORG_ID, T1),
                           new AccountMembershipClaimedEvent(ID, ORG_ID, false, T1));
        }

        @Test
        void tellsThePreviousOrganizationThatTheMemberMoved() {
            fixture.given(memberOf(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.MOVE))
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(new RemoveDepartingMemberCommand(OTHER_ORG_ID, ID,
                    DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, T1));
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganization() {
            fixture.given(managementOf(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.MOVE))
                   .expectNoEvents()
                   .expectException(MasterCannotLeaveOrganizationException.class);

            assertThat(gateway.sent()).isEmpty();
        }
    }

    @Nested
    class ClaimMembershipWhileMemberRejects {
        @Test
        void joinsAStandaloneAccount() {
            fixture.givenNoPriorActivity()
                   .when(claim(AcceptWhileMember.REJECT))
                   .expectEvents(new AccountMembershipClaimedEvent(ID, ORG_ID, false, T1));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void joinsAnAccountThatLeftItsPreviousOrganization() {
            fixture.given(memberOf(OTHER_ORG_ID), releasedFrom(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.REJECT))
                   .expectEvents(new AccountMembershipClaimedEvent(ID, ORG_ID, false, T1));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesAMemberOfAnotherOrganizationAsAlreadyInAnOrganization() {
            fixture.given(memberOf(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.REJECT))
                   .expectNoEvents()
                   .expectException(alreadyInAnOrganization());

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganizationAsAlreadyInAnOrganization() {
            fixture.given(managementOf(OTHER_ORG_ID))
                   .when(claim(AcceptWhileMember.REJECT))
                   .expectNoEvents()
                   .expectException(alreadyInAnOrganization());

            assertThat(gateway.sent()).isEmpty();
        }
    }

    @Nested
    class LeaveOrganization {
        @Test
        void leavesTheOrganizationAsAMember() {
            fixture.given(memberOf(ORG_ID))
                   .when(new LeaveOrganizationCommand(ID, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(ID, ORG_ID, T1));

            assertThat(gateway.sent()).containsExactly(
                    new RemoveDepartingMemberCommand(ORG_ID, ID, DepartureReason.LEFT, T1));
        }

        @Test
        void refusesAnAccountTheLedgerHasNeverSeenAsNotInUse() {
            fixture.givenNoPriorActivity()
                   .when(new LeaveOrganizationCommand(ID, T1))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesAnAccountThatAlreadyLeftAsNotInUse() {
            fixture.given(memberOf(ORG_ID), releasedFrom(ORG_ID))
                   .when(new LeaveOrganizationCommand(ID, T1))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesTheManagementAccount() {
            fixture.given(managementOf(ORG_ID))
                   .when(new LeaveOrganizationCommand(ID, T1))
                   .expectNoEvents()
                   .expectException(MasterCannotLeaveOrganizationException.class);

            assertThat(gateway.sent()).isEmpty();
        }
    }

    @Nested
    class ReleaseMembership {
        @Test
        void releasesTheAccountFromTheOrganizationThatLetItGo() {
            fixture.given(memberOf(ORG_ID))
                   .when(new ReleaseMembershipCommand(ID, ORG_ID, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(ID, ORG_ID, T1));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void releasesTheManagementAccountOfADeletedOrganization() {
            fixture.given(managementOf(ORG_ID))
                   .when(new ReleaseMembershipCommand(ID, ORG_ID, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(ID, ORG_ID, T1));
        }

        @Test
        void ignoresAnOrganizationTheAccountHasAlreadyMovedAwayFrom() {
            fixture.given(memberOf(OTHER_ORG_ID), releasedFrom(OTHER_ORG_ID),
                           new AccountMembershipClaimedEvent(ID, ORG_ID, false, T0.plusSeconds(120)))
                   .when(new ReleaseMembershipCommand(ID, OTHER_ORG_ID, T1))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAStandaloneAccount() {
            fixture.given(memberOf(ORG_ID), releasedFrom(ORG_ID))
                   .when(new ReleaseMembershipCommand(ID, ORG_ID, T1))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    private static CreateOrganizationCommand createOrganization() {
        return new CreateOrganizationCommand(ID, "owner@example.com", "Owner", ORG_ID, FeatureSet.CONSOLIDATED_BILLING,
                T1);
    }

    private static ClaimMembershipCommand claim(AcceptWhileMember acceptWhileMember) {
        return new ClaimMembershipCommand(ID, ORG_ID, T1, acceptWhileMember);
    }

    private static Matcher<Object> alreadyInAnOrganization() {
        return predicate(e -> e instanceof HandshakeConstraintViolationException violation
                && HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION.equals(violation.reason()));
    }

    private static AccountMembershipClaimedEvent memberOf(OrganizationId organization) {
        return new AccountMembershipClaimedEvent(ID, organization, false, T0);
    }

    private static AccountMembershipClaimedEvent managementOf(OrganizationId organization) {
        return new AccountMembershipClaimedEvent(ID, organization, true, T0);
    }

    private static AccountMembershipReleasedEvent releasedFrom(OrganizationId organization) {
        return new AccountMembershipReleasedEvent(ID, organization, T0.plusSeconds(60));
    }
}
