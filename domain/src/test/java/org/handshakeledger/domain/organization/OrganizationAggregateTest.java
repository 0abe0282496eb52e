package org.handshakeledger.domain.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingCommandGateway;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.ClaimMembershipCommand;
import org.handshakeledger.domain.account.ReleaseMembershipCommand;
import org.handshakeledger.domain.handshake.CloseHandshakeCommand;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.DuplicateHandshakeException;
import org.handshakeledger.domain.handshake.HandshakeConstraintViolationException;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.SettleAllFeaturesApprovalCommand;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrganizationAggregateTest {
    private static final OrganizationId ID = new OrganizationId("o-a1b2c3d4e5");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);

    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final AccountId CREATED_MEMBER = new AccountId("333333333333");
    private static final AccountId RECIPIENT = new AccountId("444444444444");
    private static final AccountId OTHER_RECIPIENT = new AccountId("555555555555");
    private static final AccountId STRANGER = new AccountId("666666666666");
    private static final HandshakeId INVITE_ID = invitation(1);
    private static final HandshakeId OTHER_INVITE_ID = invitation(2);
    private static final HandshakeId PARENT_ID = new HandshakeId("h-parent000001");
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ID, MANAGEMENT,
            "management@example.com", "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final List<Tag> TAGS = List.of(new Tag("env", "dev"));
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);
    private static final InvitationLimits THREE_ACCOUNTS = new InvitationLimits(3, 20);

    private FixtureConfiguration<OrganizationAggregate> fixture;
    private RecordingCommandGateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new RecordingCommandGateway();
        fixture = new AggregateTestFixture<>(OrganizationAggregate.class);
        fixture.registerInjectableResource(gateway);
    }

    @Nested
    class ReserveInvitation {
        @Test
        void reservesASlotForTheManagementAccountAndAnswersWithTheProfile() {
            fixture.given(created())
                   .when(reserve(INVITE_ID, RECIPIENT, T1))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T1))
                   .expectResultMessagePayload(PROFILE);
        }

        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.given(created(), joined(MEMBER))
                   .when(reserveAs(MEMBER, INVITE_ID, RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnAccountOutsideTheOrganizationAsNotInUse() {
            fixture.given(created())
                   .when(reserveAs(STRANGER, INVITE_ID, RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesADeletedOrganizationAsNotInUse() {
            fixture.given(created(), new OrganizationDeletedEvent(ID, MANAGEMENT, T0.plusSeconds(60)))
                   .when(reserve(INVITE_ID, RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesInvitationsWhileAllFeaturesAreBeingEnabled() {
            fixture.given(created(), joined(MEMBER), migrationStarted(List.of(MEMBER), T0))
                   .when(reserve(INVITE_ID, RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(violationOf(
                           HandshakeConstraintViolationException.INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES));
        }

        @Test
        void allowsInvitationsAgainOnceTheMigrationEnded() {
            fixture.given(created(), migrationStarted(List.of(), T0),
                           new AllFeaturesMigrationEndedEvent(ID, PARENT_ID, T0.plusSeconds(60)))
                   .when(reserve(INVITE_ID, RECIPIENT, T1))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T1));
        }

        @Test
        void allowsInvitationsAgainOnceTheMigrationExpired() {
            Instant migrationExpiry = T0.plus(MIGRATION_LIFETIME);

            fixture.given(created(), migrationStarted(List.of(), T0))
                   .when(reserve(INVITE_ID, RECIPIENT, migrationExpiry))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, migrationExpiry));
        }

        @Test
        void allowsInvitationsAgainOnceAllFeaturesAreEnabled() {
            fixture.given(created(), migrationStarted(List.of(), T0),
                           new AllFeaturesEnabledEvent(ID, PARENT_ID, T0.plusSeconds(60)))
                   .when(reserve(INVITE_ID, RECIPIENT, T1))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T1));
        }

        @Test
        void refusesInvitingAMemberOfThisOrganization() {
            fixture.given(created(), joined(MEMBER))
                   .when(reserve(INVITE_ID, MEMBER, T1))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION));
        }

        @Test
        void refusesASecondOpenInvitationToTheSameAccount() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(reserve(OTHER_INVITE_ID, RECIPIENT, T2))
                   .expectNoEvents()
                   .expectException(DuplicateHandshakeException.class);
        }

        @Test
        void refusesASecondOpenInvitationToTheSameEmail() {
            String key = "email:someone@example.com";

            fixture.given(created(), new InvitationReservedEvent(ID, INVITE_ID, key, null, T1,
                           T1.plus(INVITATION_LIFETIME)))
                   .when(new ReserveInvitationCommand(ID, OTHER_INVITE_ID, MANAGEMENT, key, null, T2,
                           T2.plus(INVITATION_LIFETIME), LIMITS))
                   .expectNoEvents()
                   .expectException(DuplicateHandshakeException.class);
        }

        @Test
        void allowsTheSameAccountAgainOnceTheInvitationWasReleased() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1), released(INVITE_ID, T1.plusSeconds(60)))
                   .when(reserve(OTHER_INVITE_ID, RECIPIENT, T2))
                   .expectEvents(reserved(OTHER_INVITE_ID, RECIPIENT, T2));
        }

        @Test
        void allowsTheSameAccountAgainOnceTheInvitationExpired() {
            Instant expiry = T1.plus(INVITATION_LIFETIME);

            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(reserve(OTHER_INVITE_ID, RECIPIENT, expiry))
                   .expectEvents(reserved(OTHER_INVITE_ID, RECIPIENT, expiry));
        }

        @Test
        void grantsTheLastFreeAccountSlot() {
            fixture.given(created(), joined(MEMBER))
                   .when(reserve(INVITE_ID, RECIPIENT, T1, THREE_ACCOUNTS))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T1));
        }

        @Test
        void countsMembersAndOpenInvitationsAgainstTheAccountLimit() {
            fixture.given(created(), joined(MEMBER), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(reserve(OTHER_INVITE_ID, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.ACCOUNT_NUMBER_LIMIT_EXCEEDED));
        }

        @Test
        void freesTheSlotWhenAnInvitationIsReleased() {
            fixture.given(created(), joined(MEMBER), reserved(INVITE_ID, RECIPIENT, T1),
                           released(INVITE_ID, T1.plusSeconds(60)))
                   .when(reserve(OTHER_INVITE_ID, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectEvents(reserved(OTHER_INVITE_ID, OTHER_RECIPIENT, T2));
        }

        @Test
        void freesTheSlotWhenAnInvitationExpires() {
            Instant expiry = T1.plus(INVITATION_LIFETIME);

            fixture.given(created(), joined(MEMBER), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(reserve(OTHER_INVITE_ID, OTHER_RECIPIENT, expiry, THREE_ACCOUNTS))
                   .expectEvents(reserved(OTHER_INVITE_ID, OTHER_RECIPIENT, expiry));
        }

        @Test
        void keepsTheSlotOneMillisecondBeforeTheInvitationExpires() {
            Instant justBefore = T1.plus(INVITATION_LIFETIME).minusMillis(1);

            fixture.given(created(), joined(MEMBER), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(reserve(OTHER_INVITE_ID, OTHER_RECIPIENT, justBefore, THREE_ACCOUNTS))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.ACCOUNT_NUMBER_LIMIT_EXCEEDED));
        }

        @Test
        void allowsTheLastAttemptOfTheDay() {
            fixture.given(withAttempts(19))
                   .when(reserve(INVITE_ID, RECIPIENT, T2))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T2));
        }

        @Test
        void countsCanceledAttemptsAgainstTheDailyLimit() {
            fixture.given(withAttempts(20))
                   .when(reserve(INVITE_ID, RECIPIENT, T2))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.HANDSHAKE_RATE_LIMIT_EXCEEDED));
        }

        @Test
        void doesNotCountAcceptedInvitationsAgainstTheDailyLimit() {
            List<Object> history = withAttempts(19);
            HandshakeId acceptedInvite = invitation(20);
            history.add(reserved(acceptedInvite, OTHER_RECIPIENT, T1.plusSeconds(30)));
            history.add(joined(OTHER_RECIPIENT, JoinedMethod.INVITED, acceptedInvite));

            fixture.given(history)
                   .when(reserve(INVITE_ID, RECIPIENT, T2))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T2));
        }

        @Test
        void allowsInvitingAgain24HoursAfterTheFirstAttempt() {
            Instant dayLater = T1.plus(Duration.ofHours(24));

            fixture.given(withAttempts(20))
                   .when(reserve(INVITE_ID, RECIPIENT, dayLater))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, dayLater));
        }

        @Test
        void stillRefusesOneMillisecondBefore24HoursHavePassed() {
            fixture.given(withAttempts(20))
                   .when(reserve(INVITE_ID, RECIPIENT, T1.plus(Duration.ofHours(24)).minusMillis(1)))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.HANDSHAKE_RATE_LIMIT_EXCEEDED));
        }

        @Test
        void allowsAsManyDailyAttemptsAsTheAccountLimitWhenThatIsLarger() {
            fixture.given(withAttempts(20))
                   .when(reserve(INVITE_ID, RECIPIENT, T2, new InvitationLimits(25, 20)))
                   .expectEvents(reserved(INVITE_ID, RECIPIENT, T2));
        }

        @Test
        void refusesTheAttemptAfterTheAccountLimitWhenThatIsLarger() {
            fixture.given(withAttempts(25))
                   .when(reserve(INVITE_ID, RECIPIENT, T2, new InvitationLimits(25, 20)))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.HANDSHAKE_RATE_LIMIT_EXCEEDED));
        }
    }

    @Nested
    class ReleaseInvitation {
        @Test
        void givesTheSlotOfAReservedInvitationBack() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(new ReleaseInvitationCommand(ID, INVITE_ID, T2))
                   .expectEvents(released(INVITE_ID, T2));
        }

        @Test
        void ignoresAnInvitationReleasedBefore() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1), released(INVITE_ID, T1.plusSeconds(60)))
                   .when(new ReleaseInvitationCommand(ID, INVITE_ID, T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAnAcceptedInvitation() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1),
                           joined(RECIPIENT, JoinedMethod.INVITED, INVITE_ID))
                   .when(new ReleaseInvitationCommand(ID, INVITE_ID, T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAnInvitationItNeverReserved() {
            fixture.given(created())
                   .when(new ReleaseInvitationCommand(ID, INVITE_ID, T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class AdmitInvitedAccount {
        @Test
        void admitsTheAccountAsAnInvitedMemberWithTheInvitationTags() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(admit(RECIPIENT))
                   .expectEvents(new AccountJoinedOrganizationEvent(ID, RECIPIENT, "recipient@example.com",
                           "Recipient", JoinedMethod.INVITED, INVITE_ID, TAGS, T2));
        }

        @Test
        void claimsTheAccountForThisOrganizationFirst() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(admit(RECIPIENT))
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(new ClaimMembershipCommand(RECIPIENT, ID, T2,
                    AcceptWhileMember.MOVE));
        }

        @Test
        void passesTheAcceptWhileMemberPolicyToTheAccount() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(admit(RECIPIENT, AcceptWhileMember.REJECT))
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(new ClaimMembershipCommand(RECIPIENT, ID, T2,
                    AcceptWhileMember.REJECT));
        }

        @Test
        void admitsNobodyWhenTheAccountIsRejectedAsAlreadyInAnOrganization() {
            gateway.fail(ClaimMembershipCommand.class, new HandshakeConstraintViolationException(
                    "The account is already a member of an organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION));

            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(admit(RECIPIENT, AcceptWhileMember.REJECT))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION));
        }

        @Test
        void refusesAnAccountAlreadyInThisOrganization() {
            fixture.given(created(), joined(MEMBER))
                   .when(admit(MEMBER))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void admitsNobodyWhenTheAccountCannotLeaveItsOrganization() {
            gateway.fail(ClaimMembershipCommand.class, new MasterCannotLeaveOrganizationException());

            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1))
                   .when(admit(RECIPIENT))
                   .expectNoEvents()
                   .expectException(MasterCannotLeaveOrganizationException.class);
        }

        @Test
        void refusesADeletedOrganizationAsNotInUse() {
            fixture.given(created(), new OrganizationDeletedEvent(ID, MANAGEMENT, T1))
                   .when(admit(RECIPIENT))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);
        }
    }

    @Nested
    class StartAllFeaturesMigration {
        @Test
        void startsTheMigrationForInvitedMembersAndOpenInvitations() {
            fixture.given(created(), joined(MEMBER), joined(CREATED_MEMBER, JoinedMethod.CREATED, null),
                           reserved(INVITE_ID, RECIPIENT, T1))
                   .when(startMigration(MANAGEMENT, T2))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(ID, PARENT_ID, List.of(MEMBER),
                           List.of(INVITE_ID), T2, T2.plus(MIGRATION_LIFETIME)));
        }

        @Test
        void answersWithAPlanListingOnlyInvitedMembersBesidesTheManagementAccount() {
            fixture.given(created(), joined(MEMBER), joined(CREATED_MEMBER, JoinedMethod.CREATED, null),
                           reserved(INVITE_ID, RECIPIENT, T1))
                   .when(startMigration(MANAGEMENT, T2))
                   .expectResultMessagePayload(new AllFeaturesMigrationPlan(PROFILE, List.of(MEMBER),
                           List.of(INVITE_ID)));
        }

        @Test
        void leavesReleasedAndExpiredInvitationsOutOfThePlan() {
            Instant later = T1.plus(INVITATION_LIFETIME);

            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1), released(INVITE_ID, T1.plusSeconds(60)),
                           reserved(OTHER_INVITE_ID, OTHER_RECIPIENT, T1.plusSeconds(120)))
                   .when(startMigration(MANAGEMENT, later.plusSeconds(120)))
                   .expectResultMessagePayload(new AllFeaturesMigrationPlan(PROFILE, List.of(), List.of()));
        }

        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.given(created(), joined(MEMBER))
                   .when(startMigration(MEMBER, T2))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnAccountOutsideTheOrganizationAsNotInUse() {
            fixture.given(created())
                   .when(startMigration(STRANGER, T2))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesAnOrganizationThatAlreadyHasAllFeatures() {
            fixture.given(created(), migrationStarted(List.of(), T0),
                           new AllFeaturesEnabledEvent(ID, PARENT_ID, T0.plusSeconds(60)))
                   .when(new StartAllFeaturesMigrationCommand(ID, new HandshakeId("h-parent000002"), MANAGEMENT,
                           T2, T2.plus(MIGRATION_LIFETIME)))
                   .expectNoEvents()
                   .expectException(violationOf(
                           HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES));
        }

        @Test
        void refusesAnOrganizationCreatedWithAllFeatures() {
            fixture.given(new OrganizationCreatedEvent(PROFILE.withFeatureSet(FeatureSet.ALL), T0))
                   .when(startMigration(MANAGEMENT, T2))
                   .expectNoEvents()
                   .expectException(violationOf(
                           HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES));
        }

        @Test
        void refusesASecondMigrationWhileOneIsPending() {
            fixture.given(created(), migrationStarted(List.of(), T0))
                   .when(new StartAllFeaturesMigrationCommand(ID, new HandshakeId("h-parent000002"), MANAGEMENT,
                           T2, T2.plus(MIGRATION_LIFETIME)))
                   .expectNoEvents()
                   .expectException(violationOf(HandshakeConstraintViolationException
                           .ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION));
        }

        @Test
        void startsAgainOnceThePreviousMigrationEnded() {
            HandshakeId secondParent = new HandshakeId("h-parent000002");

            fixture.given(created(), migrationStarted(List.of(), T0),
                           new AllFeaturesMigrationEndedEvent(ID, PARENT_ID, T0.plusSeconds(60)))
                   .when(new StartAllFeaturesMigrationCommand(ID, secondParent, MANAGEMENT, T2,
                           T2.plus(MIGRATION_LIFETIME)))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(ID, secondParent, List.of(), List.of(), T2,
                           T2.plus(MIGRATION_LIFETIME)));
        }
    }

    @Nested
    class CompleteAllFeaturesMigration {
        @Test
        void enablesAllFeaturesForTheCurrentMigration() {
            fixture.given(created(), migrationStarted(List.of(), T1))
                   .when(new CompleteAllFeaturesMigrationCommand(ID, PARENT_ID, T2))
                   .expectEvents(new AllFeaturesEnabledEvent(ID, PARENT_ID, T2));
        }

        @Test
        void ignoresAParentThatIsNotTheCurrentMigration() {
            fixture.given(created(), migrationStarted(List.of(), T1))
                   .when(new CompleteAllFeaturesMigrationCommand(ID, new HandshakeId("h-parent000002"), T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAMigrationThatAlreadyEnded() {
            fixture.given(created(), migrationStarted(List.of(), T1),
                           new AllFeaturesMigrationEndedEvent(ID, PARENT_ID, T1.plusSeconds(60)))
                   .when(new CompleteAllFeaturesMigrationCommand(ID, PARENT_ID, T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class EndAllFeaturesMigration {
        @Test
        void endsTheCurrentMigration() {
            fixture.given(created(), migrationStarted(List.of(), T1))
                   .when(new EndAllFeaturesMigrationCommand(ID, PARENT_ID, T2))
                   .expectEvents(new AllFeaturesMigrationEndedEvent(ID, PARENT_ID, T2));
        }

        @Test
        void ignoresAParentThatIsNotTheCurrentMigration() {
            fixture.given(created(), migrationStarted(List.of(), T1))
                   .when(new EndAllFeaturesMigrationCommand(ID, new HandshakeId("h-parent000002"), T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAnOrganizationWithoutAMigration() {
            fixture.given(created())
                   .when(new EndAllFeaturesMigrationCommand(ID, PARENT_ID, T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class RemoveAccountFromOrganization {
        @Test
        void removesAMemberAndReleasesItsAccount() {
            fixture.given(created(), joined(MEMBER))
                   .when(new RemoveAccountFromOrganizationCommand(ID, MANAGEMENT, MEMBER, T2))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, MEMBER, DepartureReason.REMOVED, T2));

            assertThat(gateway.sent()).containsExactly(new ReleaseMembershipCommand(MEMBER, ID, T2));
        }

        @Test
        void refusesRemovingTheManagementAccount() {
            fixture.given(created(), joined(MEMBER))
                   .when(new RemoveAccountFromOrganizationCommand(ID, MANAGEMENT, MANAGEMENT, T2))
                   .expectNoEvents()
                   .expectException(MasterCannotLeaveOrganizationException.class);
        }

        @Test
        void refusesAnAccountThatIsNotAMember() {
            fixture.given(created(), joined(MEMBER))
                   .when(new RemoveAccountFromOrganizationCommand(ID, MANAGEMENT, STRANGER, T2))
                   .expectNoEvents()
                   .expectException(AccountNotFoundException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.given(created(), joined(MEMBER), joined(CREATED_MEMBER, JoinedMethod.CREATED, null))
                   .when(new RemoveAccountFromOrganizationCommand(ID, MEMBER, CREATED_MEMBER, T2))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void withdrawsTheRemovedMembersPendingApproval() {
            HandshakeId approval = PARENT_ID.approvalFor(MEMBER);

            fixture.given(created(), joined(MEMBER), migrationStarted(List.of(MEMBER), T1))
                   .when(new RemoveAccountFromOrganizationCommand(ID, MANAGEMENT, MEMBER, T2))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, MEMBER, DepartureReason.REMOVED, T2));

            assertThat(gateway.sent()).containsExactly(
                    new ReleaseMembershipCommand(MEMBER, ID, T2),
                    new CloseHandshakeCommand(approval, HandshakeState.CANCELED,
                            CloseReason.MEMBER_LEFT_ORGANIZATION, T2),
                    new SettleAllFeaturesApprovalCommand(PARENT_ID, approval, T2));
        }
    }

    @Nested
    class RemoveDepartingMember {
        @Test
        void recordsThatAMemberLeft() {
            fixture.given(created(), joined(MEMBER))
                   .when(new RemoveDepartingMemberCommand(ID, MEMBER, DepartureReason.LEFT, T2))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, MEMBER, DepartureReason.LEFT, T2));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void recordsThatAMemberMovedToAnotherOrganization() {
            fixture.given(created(), joined(MEMBER))
                   .when(new RemoveDepartingMemberCommand(ID, MEMBER, DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION,
                           T2))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, MEMBER,
                           DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, T2));
        }

        @Test
        void ignoresAnAccountThatIsNoLongerAMember() {
            fixture.given(created(), joined(MEMBER), new AccountLeftOrganizationEvent(ID, MEMBER,
                           DepartureReason.REMOVED, T1))
                   .when(new RemoveDepartingMemberCommand(ID, MEMBER, DepartureReason.LEFT, T2))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void withdrawsTheMembersPendingApprovalDuringAMigration() {
            HandshakeId approval = PARENT_ID.approvalFor(MEMBER);

            fixture.given(created(), joined(MEMBER), migrationStarted(List.of(MEMBER), T1))
                   .when(new RemoveDepartingMemberCommand(ID, MEMBER, DepartureReason.LEFT, T2))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, MEMBER, DepartureReason.LEFT, T2));

            assertThat(gateway.sent()).containsExactly(
                    new CloseHandshakeCommand(approval, HandshakeState.CANCELED,
                            CloseReason.MEMBER_LEFT_ORGANIZATION, T2),
                    new SettleAllFeaturesApprovalCommand(PARENT_ID, approval, T2));
        }

        @Test
        void sendsNoApprovalCommandsForAMemberThatWasNotAsked() {
            fixture.given(created(), joined(MEMBER), joined(CREATED_MEMBER, JoinedMethod.CREATED, null),
                           migrationStarted(List.of(MEMBER), T1))
                   .when(new RemoveDepartingMemberCommand(ID, CREATED_MEMBER, DepartureReason.LEFT, T2))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, CREATED_MEMBER, DepartureReason.LEFT, T2));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void sendsNoApprovalCommandsOnceTheMigrationExpired() {
            Instant afterExpiry = T1.plus(MIGRATION_LIFETIME);

            fixture.given(created(), joined(MEMBER), migrationStarted(List.of(MEMBER), T1))
                   .when(new RemoveDepartingMemberCommand(ID, MEMBER, DepartureReason.LEFT, afterExpiry))
                   .expectEvents(new AccountLeftOrganizationEvent(ID, MEMBER, DepartureReason.LEFT, afterExpiry));

            assertThat(gateway.sent()).isEmpty();
        }
    }

    @Nested
    class DeleteOrganization {
        @Test
        void deletesAnOrganizationWithOnlyItsManagementAccountAndReleasesIt() {
            fixture.given(created())
                   .when(new DeleteOrganizationCommand(ID, MANAGEMENT, T2))
                   .expectEvents(new OrganizationDeletedEvent(ID, MANAGEMENT, T2));

            assertThat(gateway.sent()).containsExactly(new ReleaseMembershipCommand(MANAGEMENT, ID, T2));
        }

        @Test
        void refusesAnOrganizationThatStillHasMembers() {
            fixture.given(created(), joined(MEMBER))
                   .when(new DeleteOrganizationCommand(ID, MANAGEMENT, T2))
                   .expectNoEvents()
                   .expectException(OrganizationNotEmptyException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.given(created(), joined(MEMBER))
                   .when(new DeleteOrganizationCommand(ID, MEMBER, T2))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnOrganizationDeletedBeforeAsNotInUse() {
            fixture.given(created(), new OrganizationDeletedEvent(ID, MANAGEMENT, T1))
                   .when(new DeleteOrganizationCommand(ID, MANAGEMENT, T2))
                   .expectNoEvents()
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void closesOpenInvitationsBeforeReleasingTheManagementAccount() {
            fixture.given(created(), reserved(INVITE_ID, RECIPIENT, T1),
                           reserved(OTHER_INVITE_ID, OTHER_RECIPIENT, T1.plusSeconds(60)))
                   .when(new DeleteOrganizationCommand(ID, MANAGEMENT, T2))
                   .expectEvents(new OrganizationDeletedEvent(ID, MANAGEMENT, T2));

            assertThat(gateway.sent()).containsExactly(
                    new CloseHandshakeCommand(INVITE_ID, HandshakeState.CANCELED, CloseReason.ORGANIZATION_DELETED,
                            T2),
                    new CloseHandshakeCommand(OTHER_INVITE_ID, HandshakeState.CANCELED,
                            CloseReason.ORGANIZATION_DELETED, T2),
                    new ReleaseMembershipCommand(MANAGEMENT, ID, T2));
        }

        @Test
        void closesAPendingEnableAllFeaturesRequest() {
            fixture.given(created(), joined(MEMBER), migrationStarted(List.of(MEMBER), T1),
                           new AccountLeftOrganizationEvent(ID, MEMBER, DepartureReason.LEFT, T1.plusSeconds(60)))
                   .when(new DeleteOrganizationCommand(ID, MANAGEMENT, T2))
                   .expectEvents(new OrganizationDeletedEvent(ID, MANAGEMENT, T2));

            assertThat(gateway.sent()).containsExactly(
                    new CloseHandshakeCommand(PARENT_ID, HandshakeState.CANCELED, CloseReason.ORGANIZATION_DELETED,
                            T2),
                    new ReleaseMembershipCommand(MANAGEMENT, ID, T2));
        }
    }

    private static HandshakeId invitation(int number) {
        return new HandshakeId(String.format("h-invite%06d", number));
    }

    private static Matcher<Object> violationOf(String reason) {
        return predicate(e -> e instanceof HandshakeConstraintViolationException violation
                && reason.equals(violation.reason()));
    }

    private static ReserveInvitationCommand reserve(HandshakeId handshake, AccountId recipient, Instant at) {
        return reserve(handshake, recipient, at, LIMITS);
    }

    private static ReserveInvitationCommand reserve(HandshakeId handshake, AccountId recipient, Instant at,
                                                    InvitationLimits limits) {
        return new ReserveInvitationCommand(ID, handshake, MANAGEMENT, "account:" + recipient.value(), recipient, at,
                at.plus(INVITATION_LIFETIME), limits);
    }

    private static ReserveInvitationCommand reserveAs(AccountId caller, HandshakeId handshake, AccountId recipient,
                                                      Instant at) {
        return new ReserveInvitationCommand(ID, handshake, caller, "account:" + recipient.value(), recipient, at,
                at.plus(INVITATION_LIFETIME), LIMITS);
    }

    private static AdmitInvitedAccountCommand admit(AccountId account) {
        return admit(account, AcceptWhileMember.MOVE);
    }

    private static AdmitInvitedAccountCommand admit(AccountId account, AcceptWhileMember acceptWhileMember) {
        return new AdmitInvitedAccountCommand(ID, INVITE_ID, account, "recipient@example.com", "Recipient", TAGS, T2,
                acceptWhileMember);
    }

    private static StartAllFeaturesMigrationCommand startMigration(AccountId caller, Instant at) {
        return new StartAllFeaturesMigrationCommand(ID, PARENT_ID, caller, at, at.plus(MIGRATION_LIFETIME));
    }

    private static OrganizationCreatedEvent created() {
        return new OrganizationCreatedEvent(PROFILE, T0);
    }

    private static AccountJoinedOrganizationEvent joined(AccountId account) {
        return joined(account, JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()));
    }

    private static AccountJoinedOrganizationEvent joined(AccountId account, JoinedMethod method, HandshakeId via) {
        return new AccountJoinedOrganizationEvent(ID, account, account.value() + "@example.com", "Account", method,
                via, List.of(), T0.plusSeconds(10));
    }

    private static InvitationReservedEvent reserved(HandshakeId handshake, AccountId recipient, Instant at) {
        return new InvitationReservedEvent(ID, handshake, "account:" + recipient.value(), recipient, at,
                at.plus(INVITATION_LIFETIME));
    }

    private static InvitationReleasedEvent released(HandshakeId handshake, Instant at) {
        return new InvitationReleasedEvent(ID, handshake, at);
    }

    private static AllFeaturesMigrationStartedEvent migrationStarted(List<AccountId> invitedMembers, Instant at) {
        return new AllFeaturesMigrationStartedEvent(ID, PARENT_ID, invitedMembers, List.of(), at,
                at.plus(MIGRATION_LIFETIME));
    }

    /** The organization, then {@code count} invitations sent from T1 on, a second apart, each canceled again. */
    private static List<Object> withAttempts(int count) {
        List<Object> history = new ArrayList<>();
        history.add(created());
        for (int i = 0; i < count; i++) {
            HandshakeId handshake = invitation(100 + i);
            Instant at = T1.plusSeconds(i);
            history.add(reserved(handshake, new AccountId(String.valueOf(700_000_000_000L + i)), at));
            history.add(released(handshake, at.plusMillis(500)));
        }
        return history;
    }
}
