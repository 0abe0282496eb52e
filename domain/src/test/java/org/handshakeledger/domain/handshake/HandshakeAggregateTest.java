package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingCommandGateway;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.organization.AdmitInvitedAccountCommand;
import org.handshakeledger.domain.organization.AllFeaturesMigrationPlan;
import org.handshakeledger.domain.organization.CompleteAllFeaturesMigrationCommand;
import org.handshakeledger.domain.organization.EndAllFeaturesMigrationCommand;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.domain.organization.ReleaseInvitationCommand;
import org.handshakeledger.domain.organization.ReserveInvitationCommand;
import org.handshakeledger.domain.organization.StartAllFeaturesMigrationCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HandshakeAggregateTest {
    private static final HandshakeId ID = new HandshakeId("h-invite000001");
    private static final HandshakeId PARENT_ID = new HandshakeId("h-parent000001");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Instant INVITE_EXPIRES_AT = T0.plus(Duration.ofDays(15));
    private static final Instant PARENT_EXPIRES_AT = T0.plus(Duration.ofDays(90));
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final OrganizationId ORG_ID = new OrganizationId("o-a1b2c3d4e5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final AccountId MEMBER = new AccountId("333333333333");
    private static final AccountId SECOND_MEMBER = new AccountId("444444444444");
    private static final HandshakeId APPROVAL_ID = PARENT_ID.approvalFor(MEMBER);
    private static final HandshakeId SECOND_APPROVAL_ID = PARENT_ID.approvalFor(SECOND_MEMBER);
    private static final HandshakeId OTHER_INVITE_ID = new HandshakeId("h-invite000002");
    private static final HandshakeId THIRD_INVITE_ID = new HandshakeId("h-invite000003");

    private static final String MANAGEMENT_EMAIL = "management@example.com";
    private static final String RECIPIENT_EMAIL = "recipient@example.com";
    private static final String RECIPIENT_NAME = "Recipient";
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(ORG_ID, MANAGEMENT,
            MANAGEMENT_EMAIL, "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final HandshakeParty ACCOUNT_TARGET = new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT);
    private static final HandshakeParty EMAIL_TARGET = new HandshakeParty("Recipient@Example.com", PartyType.EMAIL);
    private static final List<Tag> TAGS = List.of(new Tag("env", "dev"));
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);
    /**
     * Deadline ids for the events in {@code given(...)}. The fixture's deadline manager hands out random ids, so
     * expected events ignore these fields; {@link ExpiryDeadline} checks that the recorded ids are the scheduled ones.
     */
    private static final String EXPIRY_SCHEDULE_ID = "expiry-schedule-1";
    private static final String RETENTION_SCHEDULE_ID = "retention-schedule-1";

    private FixtureConfiguration<HandshakeAggregate> fixture;
    private RecordingCommandGateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new RecordingCommandGateway();
        fixture = new AggregateTestFixture<>(HandshakeAggregate.class);
        fixture.registerInjectableResource(gateway);
        fixture.registerIgnoredField(AccountInvitedEvent.class, "expiryScheduleId");
        fixture.registerIgnoredField(AllFeaturesRequestedEvent.class, "expiryScheduleId");
        fixture.registerIgnoredField(AllFeaturesApprovalRequestedEvent.class, "expiryScheduleId");
        fixture.registerIgnoredField(HandshakeAcceptedEvent.class, "retentionScheduleId");
        fixture.registerIgnoredField(HandshakeDeclinedEvent.class, "retentionScheduleId");
        fixture.registerIgnoredField(HandshakeCanceledEvent.class, "retentionScheduleId");
        fixture.registerIgnoredField(HandshakeExpiredEvent.class, "retentionScheduleId");
    }

    @Nested
    class InviteAccountToOrganization {
        @Test
        void opensTheInvitationWithTheProfileTheOrganizationAnswered() {
            gateway.answer(ReserveInvitationCommand.class, ORGANIZATION);

            fixture.givenNoPriorActivity()
                   .when(inviteAccount())
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(invited());
        }

        @Test
        void reservesASlotWithTheOrganizationUnderTheInvitedAccountId() {
            gateway.answer(ReserveInvitationCommand.class, ORGANIZATION);

            fixture.givenNoPriorActivity()
                   .when(inviteAccount())
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(new ReserveInvitationCommand(ORG_ID, ID, MANAGEMENT,
                    "account:222222222222", RECIPIENT, T0, INVITE_EXPIRES_AT, LIMITS));
        }

        @Test
        void reservesAnUnknownEmailTargetUnderItsLowerCasedAddress() {
            gateway.answer(ReserveInvitationCommand.class, ORGANIZATION);

            fixture.givenNoPriorActivity()
                   .when(inviteEmail())
                   .expectEvents(invitedByEmail());

            assertThat(gateway.sent()).containsExactly(new ReserveInvitationCommand(ORG_ID, ID, MANAGEMENT,
                    "email:recipient@example.com", null, T0, INVITE_EXPIRES_AT, LIMITS));
        }

        @Test
        void createsNothingWhenTheOrganizationDeniesTheCaller() {
            gateway.fail(ReserveInvitationCommand.class, new AccessDeniedException());

            fixture.givenNoPriorActivity()
                   .when(inviteAccount())
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void createsNothingWhenTheOrganizationFindsADuplicate() {
            gateway.fail(ReserveInvitationCommand.class, new DuplicateHandshakeException());

            fixture.givenNoPriorActivity()
                   .when(inviteAccount())
                   .expectNoEvents()
                   .expectException(DuplicateHandshakeException.class);
        }
    }

    @Nested
    class EnableAllFeatures {
        @Test
        void createsARequestedParentWithOneApprovalPerInvitedMember() {
            gateway.answer(StartAllFeaturesMigrationCommand.class,
                    new AllFeaturesMigrationPlan(ORGANIZATION, List.of(MEMBER, SECOND_MEMBER), List.of()));

            fixture.givenNoPriorActivity()
                   .when(enableAllFeatures())
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(allFeaturesRequested());
        }

        @Test
        void opensTheParentAtOnceWhenNoMemberWasInvited() {
            gateway.answer(StartAllFeaturesMigrationCommand.class,
                    new AllFeaturesMigrationPlan(ORGANIZATION, List.of(), List.of()));

            fixture.givenNoPriorActivity()
                   .when(enableAllFeatures())
                   .expectEvents(allFeaturesRequestedWithoutInvitedMembers());

            assertThat(gateway.sent()).containsExactly(
                    new StartAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, MANAGEMENT, T0, PARENT_EXPIRES_AT));
        }

        @Test
        void startsTheMigrationThenCancelsOpenInvitationsThenAsksEachInvitedMember() {
            gateway.answer(StartAllFeaturesMigrationCommand.class, new AllFeaturesMigrationPlan(ORGANIZATION,
                    List.of(MEMBER, SECOND_MEMBER), List.of(OTHER_INVITE_ID, THIRD_INVITE_ID)));

            fixture.givenNoPriorActivity()
                   .when(enableAllFeatures())
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(
                    new StartAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, MANAGEMENT, T0, PARENT_EXPIRES_AT),
                    new CloseHandshakeCommand(OTHER_INVITE_ID, HandshakeState.CANCELED,
                            CloseReason.ALL_FEATURES_MIGRATION_STARTED, T0),
                    new CloseHandshakeCommand(THIRD_INVITE_ID, HandshakeState.CANCELED,
                            CloseReason.ALL_FEATURES_MIGRATION_STARTED, T0),
                    new RequestAllFeaturesApprovalCommand(APPROVAL_ID, PARENT_ID, ORGANIZATION, MEMBER, T0,
                            PARENT_EXPIRES_AT, RETENTION),
                    new RequestAllFeaturesApprovalCommand(SECOND_APPROVAL_ID, PARENT_ID, ORGANIZATION,
                            SECOND_MEMBER, T0, PARENT_EXPIRES_AT, RETENTION));
        }

        @Test
        void createsNothingWhenTheOrganizationAlreadyHasAllFeatures() {
            gateway.fail(StartAllFeaturesMigrationCommand.class, new HandshakeConstraintViolationException(
                    "already", HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES));

            fixture.givenNoPriorActivity()
                   .when(enableAllFeatures())
                   .expectNoEvents()
                   .expectException(HandshakeConstraintViolationException.class);

            assertThat(gateway.sent()).hasSize(1);
        }

        @Test
        void createsNothingForAMemberOfTheOrganization() {
            gateway.fail(StartAllFeaturesMigrationCommand.class, new AccessDeniedException());

            fixture.givenNoPriorActivity()
                   .when(new EnableAllFeaturesCommand(PARENT_ID, ORG_ID, MEMBER, T0, PARENT_EXPIRES_AT, RETENTION))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class RequestAllFeaturesApproval {
        @Test
        void sendsTheMemberAnOpenApprovalOfTheParent() {
            fixture.givenNoPriorActivity()
                   .when(requestApproval())
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(approvalRequested());

            assertThat(gateway.sent()).isEmpty();
        }
    }

    @Nested
    class AcceptHandshake {
        @Test
        void acceptsAnOpenInvitationForTheInvitedAccount() {
            fixture.given(invited())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new HandshakeAcceptedEvent(ID, RECIPIENT, T1, RETENTION_SCHEDULE_ID));
        }

        @Test
        void admitsTheAccountToTheOrganizationWithTheInvitationTags() {
            fixture.given(invited())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent()).containsExactly(new AdmitInvitedAccountCommand(ORG_ID, ID, RECIPIENT,
                    RECIPIENT_EMAIL, RECIPIENT_NAME, TAGS, T1, AcceptWhileMember.MOVE));
        }

        @Test
        void passesTheConfiguredAcceptWhileMemberPolicyToTheOrganization() {
            fixture.given(invited())
                   .when(new AcceptHandshakeCommand(ID, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME, T1,
                           AcceptWhileMember.REJECT))
                   .expectSuccessfulHandlerExecution();

            assertThat(gateway.sent(AdmitInvitedAccountCommand.class)).extracting(
                    AdmitInvitedAccountCommand::acceptWhileMember).containsExactly(AcceptWhileMember.REJECT);
        }

        @Test
        void joinsNothingWhenTheAccountIsRejectedAsAlreadyInAnOrganization() {
            gateway.fail(AdmitInvitedAccountCommand.class, new HandshakeConstraintViolationException(
                    "The account is already a member of an organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION));

            fixture.given(invited())
                   .when(new AcceptHandshakeCommand(ID, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME, T1,
                           AcceptWhileMember.REJECT))
                   .expectNoEvents()
                   .expectException(HandshakeConstraintViolationException.class);
        }

        @Test
        void acceptsAnEmailInvitationForTheAccountWithThatEmailIgnoringCase() {
            fixture.given(invitedByEmail())
                   .when(new AcceptHandshakeCommand(ID, RECIPIENT, "RECIPIENT@example.COM", RECIPIENT_NAME, T1,
                           AcceptWhileMember.MOVE))
                   .expectEvents(new HandshakeAcceptedEvent(ID, RECIPIENT, T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(new AdmitInvitedAccountCommand(ORG_ID, ID, RECIPIENT,
                    "RECIPIENT@example.COM", RECIPIENT_NAME, TAGS, T1, AcceptWhileMember.MOVE));
        }

        @Test
        void refusesAnEmailInvitationForAnAccountWithAnotherEmail() {
            fixture.given(invitedByEmail())
                   .when(new AcceptHandshakeCommand(ID, MEMBER, "member@example.com", "Member", T1,
                           AcceptWhileMember.MOVE))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesTheManagementAccountAcceptingItsOwnInvitation() {
            fixture.given(invited())
                   .when(acceptInvitation(MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void checksTheRoleBeforeTheState() {
            fixture.given(invited(), accepted())
                   .when(acceptInvitation(MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void joinsNothingWhenTheOrganizationRefusesTheAccount() {
            gateway.fail(AdmitInvitedAccountCommand.class, new MasterCannotLeaveOrganizationException());

            fixture.given(invited())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(MasterCannotLeaveOrganizationException.class);
        }

        @Test
        void refusesASecondAcceptAsAlreadyInState() {
            fixture.given(invited(), accepted())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(HandshakeAlreadyInStateException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesAcceptingADeclinedInvitation() {
            fixture.given(invited(), declined())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAcceptingACanceledInvitation() {
            fixture.given(invited(), canceled())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAcceptingAnExpiredInvitation() {
            fixture.given(invited(), expired())
                   .when(acceptInvitation(RECIPIENT, INVITE_EXPIRES_AT.plusSeconds(60)))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.given(invited())
                   .when(acceptInvitation(RECIPIENT, INVITE_EXPIRES_AT))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void seesTheInvitationExpiredAfterItsExpirationTimeEvenBeforeTheDeadlineFired() {
            fixture.given(invited())
                   .when(acceptInvitation(RECIPIENT, INVITE_EXPIRES_AT.plus(Duration.ofDays(1))))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void stillAcceptsOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = INVITE_EXPIRES_AT.minusMillis(1);

            fixture.given(invited())
                   .when(acceptInvitation(RECIPIENT, justInTime))
                   .expectEvents(new HandshakeAcceptedEvent(ID, RECIPIENT, justInTime, RETENTION_SCHEDULE_ID));
        }

        @Test
        void finishesAnOpenParentForTheManagementAccount() {
            fixture.given(allFeaturesRequestedWithoutInvitedMembers())
                   .when(acceptParent(MANAGEMENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT_ID, MANAGEMENT, T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(
                    new CompleteAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, T1));
        }

        @Test
        void finishesAParentThatOpenedWhenEveryApprovalSettled() {
            fixture.given(allFeaturesRequested(), approvalSettled(APPROVAL_ID), approvalSettled(SECOND_APPROVAL_ID),
                           new HandshakeOpenedEvent(PARENT_ID, T1))
                   .when(acceptParent(MANAGEMENT, T1.plusSeconds(60)))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT_ID, MANAGEMENT, T1.plusSeconds(60),
                           RETENTION_SCHEDULE_ID));
        }

        @Test
        void refusesToFinishAParentStillWaitingForApprovals() {
            fixture.given(allFeaturesRequested())
                   .when(acceptParent(MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesAMemberAcceptingTheParent() {
            fixture.given(allFeaturesRequestedWithoutInvitedMembers())
                   .when(acceptParent(MEMBER, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesToFinishAParentPastItsExpirationTime() {
            fixture.given(allFeaturesRequestedWithoutInvitedMembers())
                   .when(acceptParent(MANAGEMENT, PARENT_EXPIRES_AT))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void acceptsAnApprovalForTheAddressedMemberAndSettlesItWithTheParent() {
            fixture.given(approvalRequested())
                   .when(acceptApproval(MEMBER, T1))
                   .expectEvents(new HandshakeAcceptedEvent(APPROVAL_ID, MEMBER, T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(
                    new SettleAllFeaturesApprovalCommand(PARENT_ID, APPROVAL_ID, T1));
        }

        @Test
        void refusesTheManagementAccountAcceptingAnApproval() {
            fixture.given(approvalRequested())
                   .when(acceptApproval(MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnotherMemberAcceptingTheApproval() {
            fixture.given(approvalRequested())
                   .when(acceptApproval(SECOND_MEMBER, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class DeclineHandshake {
        @Test
        void declinesAnOpenInvitationForTheInvitedAccountAndFreesItsSlot() {
            fixture.given(invited())
                   .when(declineInvitation(RECIPIENT, T1))
                   .expectEvents(new HandshakeDeclinedEvent(ID, RECIPIENT, T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(new ReleaseInvitationCommand(ORG_ID, ID, T1));
        }

        @Test
        void declinesAnEmailInvitationForTheAccountWithThatEmailIgnoringCase() {
            fixture.given(invitedByEmail())
                   .when(new DeclineHandshakeCommand(ID, RECIPIENT, "Recipient@EXAMPLE.com", T1))
                   .expectEvents(new HandshakeDeclinedEvent(ID, RECIPIENT, T1, RETENTION_SCHEDULE_ID));
        }

        @Test
        void refusesTheManagementAccountDecliningAnInvitation() {
            fixture.given(invited())
                   .when(declineInvitation(MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesDecliningAnAcceptedInvitation() {
            fixture.given(invited(), accepted())
                   .when(declineInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondDeclineAsAlreadyInState() {
            fixture.given(invited(), declined())
                   .when(declineInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(HandshakeAlreadyInStateException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesDecliningACanceledInvitation() {
            fixture.given(invited(), canceled())
                   .when(declineInvitation(RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesDecliningAnExpiredInvitation() {
            fixture.given(invited(), expired())
                   .when(declineInvitation(RECIPIENT, INVITE_EXPIRES_AT.plusSeconds(60)))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.given(invited())
                   .when(declineInvitation(RECIPIENT, INVITE_EXPIRES_AT))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void stillDeclinesOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = INVITE_EXPIRES_AT.minusMillis(1);

            fixture.given(invited())
                   .when(declineInvitation(RECIPIENT, justInTime))
                   .expectEvents(new HandshakeDeclinedEvent(ID, RECIPIENT, justInTime, RETENTION_SCHEDULE_ID));
        }

        @Test
        void declinesAnApprovalAndLeavesTheParentWaiting() {
            fixture.given(approvalRequested())
                   .when(new DeclineHandshakeCommand(APPROVAL_ID, MEMBER, "member@example.com", T1))
                   .expectEvents(new HandshakeDeclinedEvent(APPROVAL_ID, MEMBER, T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesTheManagementAccountDecliningAnApproval() {
            fixture.given(approvalRequested())
                   .when(new DeclineHandshakeCommand(APPROVAL_ID, MANAGEMENT, MANAGEMENT_EMAIL, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesTheManagementAccountDecliningTheParent() {
            fixture.given(allFeaturesRequested())
                   .when(new DeclineHandshakeCommand(PARENT_ID, MANAGEMENT, MANAGEMENT_EMAIL, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAMemberDecliningTheParent() {
            fixture.given(allFeaturesRequested())
                   .when(new DeclineHandshakeCommand(PARENT_ID, MEMBER, "member@example.com", T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class CancelHandshake {
        @Test
        void cancelsAnOpenInvitationForTheOriginatorAndFreesItsSlot() {
            fixture.given(invited())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR, T1,
                           RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(new ReleaseInvitationCommand(ORG_ID, ID, T1));
        }

        @Test
        void refusesTheRecipientCancelingTheInvitation() {
            fixture.given(invited())
                   .when(new CancelHandshakeCommand(ID, RECIPIENT, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesCancelingAnAcceptedInvitation() {
            fixture.given(invited(), accepted())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesCancelingADeclinedInvitation() {
            fixture.given(invited(), declined())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondCancelAsAlreadyInState() {
            fixture.given(invited(), canceled())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, T1))
                   .expectNoEvents()
                   .expectException(HandshakeAlreadyInStateException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void refusesCancelingAnExpiredInvitation() {
            fixture.given(invited(), expired())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, INVITE_EXPIRES_AT.plusSeconds(60)))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.given(invited())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, INVITE_EXPIRES_AT))
                   .expectNoEvents()
                   .expectException(InvalidHandshakeTransitionException.class);

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void stillCancelsOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = INVITE_EXPIRES_AT.minusMillis(1);

            fixture.given(invited())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, justInTime))
                   .expectEvents(new HandshakeCanceledEvent(ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                           justInTime, RETENTION_SCHEDULE_ID));
        }

        @Test
        void cancelsARequestedParentWithItsApprovalsAndEndsTheMigration() {
            fixture.given(allFeaturesRequested())
                   .when(new CancelHandshakeCommand(PARENT_ID, MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(PARENT_ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                           T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(
                    new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.CANCELED,
                            CloseReason.ALL_FEATURES_REQUEST_CANCELED, T1),
                    new CloseHandshakeCommand(SECOND_APPROVAL_ID, HandshakeState.CANCELED,
                            CloseReason.ALL_FEATURES_REQUEST_CANCELED, T1),
                    new EndAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, T1));
        }

        @Test
        void cancelsAnOpenParent() {
            fixture.given(allFeaturesRequestedWithoutInvitedMembers())
                   .when(new CancelHandshakeCommand(PARENT_ID, MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(PARENT_ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                           T1, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(new EndAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, T1));
        }

        @Test
        void refusesAMemberCancelingTheParent() {
            fixture.given(allFeaturesRequested())
                   .when(new CancelHandshakeCommand(PARENT_ID, MEMBER, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesTheMemberCancelingItsApproval() {
            fixture.given(approvalRequested())
                   .when(new CancelHandshakeCommand(APPROVAL_ID, MEMBER, T1))
                   .expectNoEvents()
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class ExpireHandshake {
        @Test
        void expiresAnOpenInvitationAtItsExpirationTimeAndFreesItsSlot() {
            fixture.given(invited())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(new ReleaseInvitationCommand(ORG_ID, ID, INVITE_EXPIRES_AT));
        }

        @Test
        void recordsTheExpirationTimeWhenTheDeadlineFiresLate() {
            fixture.given(invited())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT.plus(Duration.ofHours(3))))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID));
        }

        @Test
        void ignoresADeadlineDueBeforeTheExpirationTime() {
            fixture.given(invited())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT.minusMillis(1)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void ignoresAnAcceptedInvitation() {
            fixture.given(invited(), accepted())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void ignoresADeclinedInvitation() {
            fixture.given(invited(), declined())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresACanceledInvitation() {
            fixture.given(invited(), canceled())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresADeadlineThatFiresTwice() {
            fixture.given(invited(), expired())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void expiresARequestedParentWithItsApprovalsAndEndsTheMigration() {
            fixture.given(allFeaturesRequested())
                   .when(new ExpireHandshakeCommand(PARENT_ID, PARENT_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(PARENT_ID, PARENT_EXPIRES_AT, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(
                    new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.EXPIRED,
                            CloseReason.ALL_FEATURES_REQUEST_EXPIRED, PARENT_EXPIRES_AT),
                    new CloseHandshakeCommand(SECOND_APPROVAL_ID, HandshakeState.EXPIRED,
                            CloseReason.ALL_FEATURES_REQUEST_EXPIRED, PARENT_EXPIRES_AT),
                    new EndAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, PARENT_EXPIRES_AT));
        }

        @Test
        void expiresAnOpenParent() {
            fixture.given(allFeaturesRequestedWithoutInvitedMembers())
                   .when(new ExpireHandshakeCommand(PARENT_ID, PARENT_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(PARENT_ID, PARENT_EXPIRES_AT, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).containsExactly(
                    new EndAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, PARENT_EXPIRES_AT));
        }

        @Test
        void ignoresAnAcceptedParent() {
            fixture.given(allFeaturesRequestedWithoutInvitedMembers(),
                           new HandshakeAcceptedEvent(PARENT_ID, MANAGEMENT, T1, RETENTION_SCHEDULE_ID))
                   .when(new ExpireHandshakeCommand(PARENT_ID, PARENT_EXPIRES_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void ignoresAnEarlyDeadlineForTheParent() {
            fixture.given(allFeaturesRequested())
                   .when(new ExpireHandshakeCommand(PARENT_ID, PARENT_EXPIRES_AT.minusMillis(1)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void expiresAnApprovalWithoutTellingAnybody() {
            fixture.given(approvalRequested())
                   .when(new ExpireHandshakeCommand(APPROVAL_ID, PARENT_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(APPROVAL_ID, PARENT_EXPIRES_AT, RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).isEmpty();
        }
    }

    @Nested
    class CloseHandshake {
        @Test
        void cancelsAnOpenInvitationForTheGivenReason() {
            fixture.given(invited())
                   .when(new CloseHandshakeCommand(ID, HandshakeState.CANCELED,
                           CloseReason.ALL_FEATURES_MIGRATION_STARTED, T1))
                   .expectEvents(new HandshakeCanceledEvent(ID, null, CloseReason.ALL_FEATURES_MIGRATION_STARTED, T1,
                           RETENTION_SCHEDULE_ID));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void cancelsAnApprovalWhoseMemberLeft() {
            fixture.given(approvalRequested())
                   .when(new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.CANCELED,
                           CloseReason.MEMBER_LEFT_ORGANIZATION, T1))
                   .expectEvents(new HandshakeCanceledEvent(APPROVAL_ID, null, CloseReason.MEMBER_LEFT_ORGANIZATION,
                           T1, RETENTION_SCHEDULE_ID));
        }

        @Test
        void expiresAnApprovalWithItsParent() {
            fixture.given(approvalRequested())
                   .when(new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.EXPIRED,
                           CloseReason.ALL_FEATURES_REQUEST_EXPIRED, PARENT_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(APPROVAL_ID, PARENT_EXPIRES_AT, RETENTION_SCHEDULE_ID));
        }

        @Test
        void cancelsARequestedParentWhenTheOrganizationIsDeleted() {
            fixture.given(allFeaturesRequested())
                   .when(new CloseHandshakeCommand(PARENT_ID, HandshakeState.CANCELED,
                           CloseReason.ORGANIZATION_DELETED, T1))
                   .expectEvents(new HandshakeCanceledEvent(PARENT_ID, null, CloseReason.ORGANIZATION_DELETED, T1,
                           RETENTION_SCHEDULE_ID));
        }

        @Test
        void leavesAnAcceptedApprovalAlone() {
            fixture.given(approvalRequested(), new HandshakeAcceptedEvent(APPROVAL_ID, MEMBER, T1,
                    RETENTION_SCHEDULE_ID))
                   .when(new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.CANCELED,
                           CloseReason.ALL_FEATURES_REQUEST_CANCELED, T1.plusSeconds(60)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void leavesADeclinedApprovalAlone() {
            fixture.given(approvalRequested(), new HandshakeDeclinedEvent(APPROVAL_ID, MEMBER, T1,
                    RETENTION_SCHEDULE_ID))
                   .when(new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.CANCELED,
                           CloseReason.MEMBER_LEFT_ORGANIZATION, T1.plusSeconds(60)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void recordsAnInvitationPastItsExpirationTimeAsExpiredNotCanceled() {
            fixture.given(invited())
                   .when(new CloseHandshakeCommand(ID, HandshakeState.CANCELED, CloseReason.ORGANIZATION_DELETED,
                           INVITE_EXPIRES_AT.plus(Duration.ofDays(1))))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID));
        }

        @Test
        void stillCancelsAnInvitationOneMillisecondBeforeItsExpirationTime() {
            Instant justInTime = INVITE_EXPIRES_AT.minusMillis(1);

            fixture.given(invited())
                   .when(new CloseHandshakeCommand(ID, HandshakeState.CANCELED, CloseReason.ORGANIZATION_DELETED,
                           justInTime))
                   .expectEvents(new HandshakeCanceledEvent(ID, null, CloseReason.ORGANIZATION_DELETED, justInTime,
                           RETENTION_SCHEDULE_ID));
        }
    }

    @Nested
    class SettleAllFeaturesApproval {
        @Test
        void settlesOneApprovalAndKeepsWaitingForTheOthers() {
            fixture.given(allFeaturesRequested())
                   .when(new SettleAllFeaturesApprovalCommand(PARENT_ID, APPROVAL_ID, T1))
                   .expectEvents(approvalSettled(APPROVAL_ID));
        }

        @Test
        void opensTheParentWhenTheLastApprovalSettles() {
            fixture.given(allFeaturesRequested(), approvalSettled(APPROVAL_ID))
                   .when(new SettleAllFeaturesApprovalCommand(PARENT_ID, SECOND_APPROVAL_ID, T1))
                   .expectEvents(approvalSettled(SECOND_APPROVAL_ID), new HandshakeOpenedEvent(PARENT_ID, T1));
        }

        @Test
        void ignoresAnApprovalSettledBefore() {
            fixture.given(allFeaturesRequested(), approvalSettled(APPROVAL_ID))
                   .when(new SettleAllFeaturesApprovalCommand(PARENT_ID, APPROVAL_ID, T1))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAnApprovalTheParentNeverAskedFor() {
            fixture.given(allFeaturesRequested())
                   .when(new SettleAllFeaturesApprovalCommand(PARENT_ID, PARENT_ID.approvalFor(RECIPIENT), T1))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresACanceledParent() {
            fixture.given(allFeaturesRequested(),
                           new HandshakeCanceledEvent(PARENT_ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR, T1,
                                   RETENTION_SCHEDULE_ID))
                   .when(new SettleAllFeaturesApprovalCommand(PARENT_ID, APPROVAL_ID, T1.plusSeconds(60)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void ignoresAParentPastItsExpirationTime() {
            fixture.given(allFeaturesRequested())
                   .when(new SettleAllFeaturesApprovalCommand(PARENT_ID, APPROVAL_ID, PARENT_EXPIRES_AT))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class ExpiryDeadline {
        private final List<DeadlineMessage<?>> scheduled = new ArrayList<>();

        @BeforeEach
        void setUp() {
            gateway.answer(ReserveInvitationCommand.class, ORGANIZATION);
            gateway.answer(StartAllFeaturesMigrationCommand.class,
                    new AllFeaturesMigrationPlan(ORGANIZATION, List.of(MEMBER, SECOND_MEMBER), List.of()));
            fixture.registerDeadlineDispatchInterceptor(recordingInto(scheduled));
        }

        @Test
        void invitationSchedulesItsExpiryAtItsExpirationTime() {
            fixture.givenCurrentTime(T0)
                   .when(inviteAccount())
                   .expectScheduledDeadlineWithName(INVITE_EXPIRES_AT, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(INVITE_EXPIRES_AT, new ExpiryDue(ID, INVITE_EXPIRES_AT));
        }

        @Test
        void parentSchedulesItsExpiryAtItsExpirationTime() {
            fixture.givenCurrentTime(T0)
                   .when(enableAllFeatures())
                   .expectScheduledDeadlineWithName(PARENT_EXPIRES_AT, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(PARENT_EXPIRES_AT, new ExpiryDue(PARENT_ID, PARENT_EXPIRES_AT));
        }

        @Test
        void approvalSchedulesNoExpiryOfItsOwnBecauseItsParentExpiresIt() {
            fixture.givenCurrentTime(T0)
                   .when(requestApproval())
                   .expectNoScheduledDeadlines();
        }

        @Test
        void creatingEventRecordsTheIdOfTheScheduledExpiry() {
            fixture.givenCurrentTime(T0)
                   .when(inviteAccount())
                   .expectEventsMatching(payloadsMatching(exactSequenceOf(
                           matches(event -> ((AccountInvitedEvent) event).expiryScheduleId()
                                   .equals(lastScheduleId(scheduled, HandshakeDeadlines.EXPIRY))),
                           andNoMore())));
        }

        @Test
        void acceptCancelsTheExpiryAndSchedulesDeletionRetentionLater() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(ID, RECIPIENT, T1, RETENTION_SCHEDULE_ID))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadlineWithName(T1.plus(RETENTION), HandshakeDeadlines.RETENTION)
                   .expectScheduledDeadline(T1.plus(RETENTION), new RetentionDue(ID, T1.plus(RETENTION)))
                   .expectTriggeredDeadlines();
        }

        @Test
        void declineCancelsTheExpiryAndSchedulesDeletionRetentionLater() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(declineInvitation(RECIPIENT, T1))
                   .expectEvents(new HandshakeDeclinedEvent(ID, RECIPIENT, T1, RETENTION_SCHEDULE_ID))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(T1.plus(RETENTION), new RetentionDue(ID, T1.plus(RETENTION)))
                   .expectTriggeredDeadlines();
        }

        @Test
        void cancelCancelsTheExpiryAndSchedulesDeletionRetentionLater() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR, T1,
                           RETENTION_SCHEDULE_ID))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(T1.plus(RETENTION), new RetentionDue(ID, T1.plus(RETENTION)))
                   .expectTriggeredDeadlines();
        }

        @Test
        void cancelingTheParentCancelsItsExpiry() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(enableAllFeatures())
                   .when(new CancelHandshakeCommand(PARENT_ID, MANAGEMENT, T1))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(T1.plus(RETENTION), new RetentionDue(PARENT_ID, T1.plus(RETENTION)));
        }

        @Test
        void settlingEventRecordsTheIdOfTheScheduledDeletion() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(acceptInvitation(RECIPIENT, T1))
                   .expectEventsMatching(payloadsMatching(exactSequenceOf(
                           matches(event -> ((HandshakeAcceptedEvent) event).retentionScheduleId()
                                   .equals(lastScheduleId(scheduled, HandshakeDeadlines.RETENTION))),
                           andNoMore())));
        }

        @Test
        void unansweredInvitationExpiresAtItsExpirationTimeAndFreesItsSlot() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .whenTimeAdvancesTo(INVITE_EXPIRES_AT.plus(Duration.ofHours(1)))
                   .expectSuccessfulHandlerExecution()
                   .expectTriggeredDeadlines(new ExpiryDue(ID, INVITE_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID))
                   .expectScheduledDeadlineWithName(INVITE_EXPIRES_AT.plus(RETENTION), HandshakeDeadlines.RETENTION)
                   .expectScheduledDeadline(INVITE_EXPIRES_AT.plus(RETENTION),
                           new RetentionDue(ID, INVITE_EXPIRES_AT.plus(RETENTION)));

            assertThat(gateway.sent(ReleaseInvitationCommand.class))
                    .containsExactly(new ReleaseInvitationCommand(ORG_ID, ID, INVITE_EXPIRES_AT));
        }

        @Test
        void unansweredInvitationStaysOpenUntilItsExpirationTime() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .whenTimeAdvancesTo(INVITE_EXPIRES_AT.minusMillis(1))
                   .expectNoEvents()
                   .expectTriggeredDeadlines()
                   .expectScheduledDeadline(INVITE_EXPIRES_AT, new ExpiryDue(ID, INVITE_EXPIRES_AT));
        }

        @Test
        void unansweredParentExpiresWithItsApprovalsAndEndsTheMigration() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(enableAllFeatures())
                   .whenTimeAdvancesTo(PARENT_EXPIRES_AT)
                   .expectTriggeredDeadlines(new ExpiryDue(PARENT_ID, PARENT_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(PARENT_ID, PARENT_EXPIRES_AT, RETENTION_SCHEDULE_ID))
                   .expectScheduledDeadline(PARENT_EXPIRES_AT.plus(RETENTION),
                           new RetentionDue(PARENT_ID, PARENT_EXPIRES_AT.plus(RETENTION)));

            assertThat(gateway.sent()).endsWith(
                    new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.EXPIRED,
                            CloseReason.ALL_FEATURES_REQUEST_EXPIRED, PARENT_EXPIRES_AT),
                    new CloseHandshakeCommand(SECOND_APPROVAL_ID, HandshakeState.EXPIRED,
                            CloseReason.ALL_FEATURES_REQUEST_EXPIRED, PARENT_EXPIRES_AT),
                    new EndAllFeaturesMigrationCommand(ORG_ID, PARENT_ID, PARENT_EXPIRES_AT));
        }

        @Test
        void unansweredApprovalExpiresWhenItsParentClosesItWithoutTellingAnybody() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(requestApproval())
                   .when(new CloseHandshakeCommand(APPROVAL_ID, HandshakeState.EXPIRED,
                           CloseReason.ALL_FEATURES_REQUEST_EXPIRED, PARENT_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(APPROVAL_ID, PARENT_EXPIRES_AT, RETENTION_SCHEDULE_ID))
                   .expectScheduledDeadline(PARENT_EXPIRES_AT.plus(RETENTION),
                           new RetentionDue(APPROVAL_ID, PARENT_EXPIRES_AT.plus(RETENTION)));

            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void acceptedInvitationNeverExpires() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount(), acceptInvitation(RECIPIENT, T1))
                   .whenTimeAdvancesTo(INVITE_EXPIRES_AT.plus(Duration.ofHours(1)))
                   .expectSuccessfulHandlerExecution()
                   .expectTriggeredDeadlines()
                   .expectNoEvents();
        }

        @Test
        void expiryFiringForAnInvitationSettledMeanwhileDoesNothing() {
            // the accept arrives as an event, so the expiry deadline was never canceled: it fires late
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .andGiven(accepted())
                   .whenTimeAdvancesTo(INVITE_EXPIRES_AT)
                   .expectSuccessfulHandlerExecution()
                   .expectTriggeredDeadlines(new ExpiryDue(ID, INVITE_EXPIRES_AT))
                   .expectNoEvents()
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.RETENTION);

            assertThat(gateway.sent(ReleaseInvitationCommand.class)).isEmpty();
        }

        @Test
        void expireCommandBeforeTheExpirationTimeDoesNothing() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT.minusMillis(1)))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectScheduledDeadline(INVITE_EXPIRES_AT, new ExpiryDue(ID, INVITE_EXPIRES_AT))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.RETENTION);
        }

        @Test
        void expireCommandAtTheExpirationTimeExpiresAndCancelsThePendingExpiry() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(INVITE_EXPIRES_AT.plus(RETENTION),
                           new RetentionDue(ID, INVITE_EXPIRES_AT.plus(RETENTION)));

            assertThat(gateway.sent(ReleaseInvitationCommand.class))
                    .containsExactly(new ReleaseInvitationCommand(ORG_ID, ID, INVITE_EXPIRES_AT));
        }

        @Test
        void lateExpireCommandCountsRetentionFromTheExpirationTime() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .when(new ExpireHandshakeCommand(ID, INVITE_EXPIRES_AT.plus(Duration.ofHours(3))))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID))
                   .expectNoScheduledDeadlineWithName(T0, Instant.MAX, HandshakeDeadlines.EXPIRY)
                   .expectScheduledDeadline(INVITE_EXPIRES_AT.plus(RETENTION),
                           new RetentionDue(ID, INVITE_EXPIRES_AT.plus(RETENTION)));
        }
    }

    @Nested
    class RetentionDeadline {
        @BeforeEach
        void setUp() {
            gateway.answer(ReserveInvitationCommand.class, ORGANIZATION);
            gateway.answer(StartAllFeaturesMigrationCommand.class,
                    new AllFeaturesMigrationPlan(ORGANIZATION, List.of(), List.of()));
        }

        @Test
        void acceptedInvitationIsDeletedRetentionAfterItWasAccepted() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount(), acceptInvitation(RECIPIENT, T1))
                   .whenTimeAdvancesTo(T1.plus(RETENTION))
                   .expectSuccessfulHandlerExecution()
                   .expectTriggeredDeadlines(new RetentionDue(ID, T1.plus(RETENTION)))
                   .expectEvents(new HandshakeDeletedEvent(ID, T1.plus(RETENTION)))
                   .expectNoScheduledDeadlines();
        }

        @Test
        void settledInvitationIsKeptUntilItsRetentionIsOver() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount(), declineInvitation(RECIPIENT, T1))
                   .whenTimeAdvancesTo(T1.plus(RETENTION).minusMillis(1))
                   .expectTriggeredDeadlines()
                   .expectNoEvents();
        }

        @Test
        void canceledParentIsDeletedRetentionAfterItWasCanceled() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(enableAllFeatures(), new CancelHandshakeCommand(PARENT_ID, MANAGEMENT, T1))
                   .whenTimeAdvancesTo(T1.plus(RETENTION))
                   .expectEvents(new HandshakeDeletedEvent(PARENT_ID, T1.plus(RETENTION)));
        }

        @Test
        void unansweredInvitationIsDeletedRetentionAfterItExpired() {
            fixture.givenCurrentTime(T0)
                   .andGivenCommands(inviteAccount())
                   .whenTimeAdvancesTo(INVITE_EXPIRES_AT.plus(RETENTION))
                   .expectTriggeredDeadlines(new ExpiryDue(ID, INVITE_EXPIRES_AT),
                           new RetentionDue(ID, INVITE_EXPIRES_AT.plus(RETENTION)))
                   .expectEvents(new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID),
                           new HandshakeDeletedEvent(ID, INVITE_EXPIRES_AT.plus(RETENTION)))
                   .expectNoScheduledDeadlines();
        }

        @Test
        void commandOnADeletedHandshakeFailsAsDeleted() {
            fixture.given(invited(), accepted(), deleted())
                   .when(new CancelHandshakeCommand(ID, MANAGEMENT, T1.plus(RETENTION).plusSeconds(1)))
                   .expectNoEvents()
                   .expectException(AggregateDeletedException.class);
        }

        @Test
        void deletedHandshakeIsNotFoundForItsRecipientEither() {
            fixture.given(invited(), declined(), deleted())
                   .when(acceptInvitation(RECIPIENT, T1.plus(RETENTION).plusSeconds(1)))
                   .expectNoEvents()
                   .expectException(AggregateNotFoundException.class);

            assertThat(gateway.sent()).isEmpty();
        }
    }

    private static InviteAccountToOrganizationCommand inviteAccount() {
        return new InviteAccountToOrganizationCommand(ID, ORG_ID, MANAGEMENT, ACCOUNT_TARGET, RECIPIENT, "Welcome",
                TAGS, T0, INVITE_EXPIRES_AT, RETENTION, LIMITS);
    }

    private static InviteAccountToOrganizationCommand inviteEmail() {
        return new InviteAccountToOrganizationCommand(ID, ORG_ID, MANAGEMENT, EMAIL_TARGET, null, "Welcome", TAGS,
                T0, INVITE_EXPIRES_AT, RETENTION, LIMITS);
    }

    private static EnableAllFeaturesCommand enableAllFeatures() {
        return new EnableAllFeaturesCommand(PARENT_ID, ORG_ID, MANAGEMENT, T0, PARENT_EXPIRES_AT, RETENTION);
    }

    private static RequestAllFeaturesApprovalCommand requestApproval() {
        return new RequestAllFeaturesApprovalCommand(APPROVAL_ID, PARENT_ID, ORGANIZATION, MEMBER, T0,
                PARENT_EXPIRES_AT, RETENTION);
    }

    private static AcceptHandshakeCommand acceptInvitation(AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(ID, caller, emailOf(caller), RECIPIENT_NAME, at, AcceptWhileMember.MOVE);
    }

    private static AcceptHandshakeCommand acceptParent(AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(PARENT_ID, caller, emailOf(caller), "Caller", at, AcceptWhileMember.MOVE);
    }

    private static AcceptHandshakeCommand acceptApproval(AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(APPROVAL_ID, caller, emailOf(caller), "Caller", at,
                AcceptWhileMember.MOVE);
    }

    private static DeclineHandshakeCommand declineInvitation(AccountId caller, Instant at) {
        return new DeclineHandshakeCommand(ID, caller, emailOf(caller), at);
    }

    private static String emailOf(AccountId account) {
        if (account.equals(MANAGEMENT)) {
            return MANAGEMENT_EMAIL;
        }
        return account.equals(RECIPIENT) ? RECIPIENT_EMAIL : account.value() + "@example.com";
    }

    private static AccountInvitedEvent invited() {
        return new AccountInvitedEvent(ID, ORGANIZATION, ACCOUNT_TARGET, RECIPIENT, "Welcome", TAGS, MANAGEMENT, T0,
                INVITE_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static AccountInvitedEvent invitedByEmail() {
        return new AccountInvitedEvent(ID, ORGANIZATION, EMAIL_TARGET, null, "Welcome", TAGS, MANAGEMENT, T0,
                INVITE_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static HandshakeAcceptedEvent accepted() {
        return new HandshakeAcceptedEvent(ID, RECIPIENT, T0.plusSeconds(60), RETENTION_SCHEDULE_ID);
    }

    private static HandshakeDeclinedEvent declined() {
        return new HandshakeDeclinedEvent(ID, RECIPIENT, T0.plusSeconds(60), RETENTION_SCHEDULE_ID);
    }

    private static HandshakeCanceledEvent canceled() {
        return new HandshakeCanceledEvent(ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR, T0.plusSeconds(60),
                RETENTION_SCHEDULE_ID);
    }

    private static HandshakeExpiredEvent expired() {
        return new HandshakeExpiredEvent(ID, INVITE_EXPIRES_AT, RETENTION_SCHEDULE_ID);
    }

    /** What the retention deadline of {@link #accepted()} or {@link #declined()} publishes. */
    private static HandshakeDeletedEvent deleted() {
        return new HandshakeDeletedEvent(ID, T0.plusSeconds(60).plus(RETENTION));
    }

    private static AllFeaturesRequestedEvent allFeaturesRequested() {
        return new AllFeaturesRequestedEvent(PARENT_ID, ORGANIZATION, List.of(APPROVAL_ID, SECOND_APPROVAL_ID),
                HandshakeState.REQUESTED, MANAGEMENT, T0, PARENT_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static AllFeaturesRequestedEvent allFeaturesRequestedWithoutInvitedMembers() {
        return new AllFeaturesRequestedEvent(PARENT_ID, ORGANIZATION, List.of(), HandshakeState.OPEN, MANAGEMENT, T0,
                PARENT_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static AllFeaturesApprovalRequestedEvent approvalRequested() {
        return new AllFeaturesApprovalRequestedEvent(APPROVAL_ID, PARENT_ID, ORGANIZATION, MEMBER, T0,
                PARENT_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static AllFeaturesApprovalSettledEvent approvalSettled(HandshakeId approval) {
        return new AllFeaturesApprovalSettledEvent(PARENT_ID, approval, T1);
    }

    /** Records every deadline the fixture's deadline manager schedules, to read the ids it handed out. */
    private static MessageDispatchInterceptor<DeadlineMessage<?>> recordingInto(List<DeadlineMessage<?>> scheduled) {
        return messages -> (index, message) -> {
            scheduled.add(message);
            return message;
        };
    }

    private static String lastScheduleId(List<DeadlineMessage<?>> scheduled, String deadlineName) {
        return scheduled.stream()
                .filter(deadline -> deadline.getDeadlineName().equals(deadlineName))
                .reduce((earlier, later) -> later)
                .orElseThrow()
                .getIdentifier();
    }
}
