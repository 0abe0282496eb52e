package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Accepting a handshake. An invitation spans the invitation, the inviting organization, the account and the
 * organization it leaves (with the approval it owed there); the enable-all-features request and its approvals span
 * the organization and the parent. The handshake's own checks (role, then state and time) come before those of the
 * organization and the account (spec §3.10).
 */
class AcceptHandshakeTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Instant EXPIRES_AT = T0.plus(Duration.ofDays(15));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId OTHER_ORG = new OrganizationId("o-z9y8x7w6v5");
    private static final OrganizationId SMALL_ORG = new OrganizationId("o-s1m2a3l4l5");
    /** An organization {@link #RECIPIENT} manages, in some tests. */
    private static final OrganizationId STRANGER_ORG = new OrganizationId("o-s9t8r7a6n5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final AccountId MEMBER = new AccountId("333333333333");
    private static final AccountId SECOND_MEMBER = new AccountId("444444444444");
    private static final AccountId OTHER_RECIPIENT = new AccountId("555555555555");
    private static final AccountId STRANGER = new AccountId("666666666666");
    private static final AccountId SMALL_MANAGEMENT = new AccountId("888888888888");
    private static final AccountId OTHER_MANAGEMENT = new AccountId("999999999999");
    private static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    private static final HandshakeId OTHER_INVITATION = new HandshakeId("h-invite000002");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final HandshakeId OTHER_PARENT = new HandshakeId("h-parent000002");
    private static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);
    private static final HandshakeId SECOND_APPROVAL = PARENT.approvalFor(SECOND_MEMBER);

    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final OrganizationProfile OTHER_PROFILE = new OrganizationProfile(OTHER_ORG, OTHER_MANAGEMENT,
            "o@example.com", "Other", FeatureSet.CONSOLIDATED_BILLING);
    /** An organization without invited members: its enable-all-features request opens at once. */
    private static final OrganizationProfile SMALL_PROFILE = new OrganizationProfile(SMALL_ORG, SMALL_MANAGEMENT,
            "s@example.com", "Small", FeatureSet.CONSOLIDATED_BILLING);
    private static final String RECIPIENT_EMAIL = "r@example.com";
    private static final String RECIPIENT_NAME = "Recipient";
    private static final HandshakeParty ACCOUNT_TARGET = new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT);
    private static final List<Tag> TAGS = List.of(new Tag("team", "platform"));
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0), joined(ORG, MEMBER),
                        joined(ORG, SECOND_MEMBER))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0))
                .givenAccount(SECOND_MEMBER, new AccountMembershipClaimedEvent(SECOND_MEMBER, ORG, false, T0))
                .givenOrganization(OTHER_ORG, new OrganizationCreatedEvent(OTHER_PROFILE, T0))
                .givenAccount(OTHER_MANAGEMENT, new AccountMembershipClaimedEvent(OTHER_MANAGEMENT, OTHER_ORG, true,
                        T0))
                .givenOrganization(SMALL_ORG, new OrganizationCreatedEvent(SMALL_PROFILE, T0))
                .givenAccount(SMALL_MANAGEMENT, new AccountMembershipClaimedEvent(SMALL_MANAGEMENT, SMALL_ORG, true,
                        T0));
    }

    /** The invitation of {@link #RECIPIENT} to {@link #ORG}, sent at T0; its expiry is not scheduled here. */
    private void givenAnOpenInvitation() {
        fixture.givenOrganization(ORG, new InvitationReservedEvent(ORG, INVITATION, "account:" + RECIPIENT, RECIPIENT,
                        T0, EXPIRES_AT))
               .givenHandshake(INVITATION, new AccountInvitedEvent(INVITATION, PROFILE, ACCOUNT_TARGET, RECIPIENT,
                       "hi", TAGS, MANAGEMENT, T0, EXPIRES_AT, RETENTION, "expiry-0"));
    }

    @Nested
    class AcceptingAnInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void joinsTheOrganizationWithTheInvitationsTags() {
            fixture.when(accept(RECIPIENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void cancelsTheExpiryAndSchedulesTheDeletionRetentionLater() {
            fixture.givenCommands(new InviteAccountToOrganizationCommand(OTHER_INVITATION, ORG, MANAGEMENT,
                    new HandshakeParty(OTHER_RECIPIENT.value(), PartyType.ACCOUNT), OTHER_RECIPIENT, null, List.of(),
                    T0, T0.plus(INVITATION_LIFETIME), RETENTION, LIMITS));

            fixture.when(new AcceptHandshakeCommand(OTHER_INVITATION, OTHER_RECIPIENT, "o@example.com", "Other", T1,
                           AcceptWhileMember.MOVE))
                   .expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION, T1.plus(RETENTION),
                            new RetentionDue(OTHER_INVITATION, T1.plus(RETENTION))));
        }

        @Test
        void acceptsAnEmailInvitationForTheAccountWithThatEmailIgnoringCase() {
            HandshakeParty target = new HandshakeParty("Someone@Example.com", PartyType.EMAIL);
            fixture.givenOrganization(ORG, new InvitationReservedEvent(ORG, OTHER_INVITATION,
                            "email:someone@example.com", null, T0, EXPIRES_AT))
                   .givenHandshake(OTHER_INVITATION, new AccountInvitedEvent(OTHER_INVITATION, PROFILE, target, null,
                           "hi", TAGS, MANAGEMENT, T0, EXPIRES_AT, RETENTION, "expiry-0"));

            fixture.when(new AcceptHandshakeCommand(OTHER_INVITATION, OTHER_RECIPIENT, "SOMEONE@example.COM", "Other",
                           T1, AcceptWhileMember.MOVE))
                   .expectEvents(new HandshakeAcceptedEvent(OTHER_INVITATION, OTHER_RECIPIENT, T1,
                                   "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(OTHER_RECIPIENT, ORG, false, T1),
                           new AccountJoinedOrganizationEvent(ORG, OTHER_RECIPIENT, "SOMEONE@example.COM", "Other",
                                   JoinedMethod.INVITED, OTHER_INVITATION, TAGS, T1));
        }

        @Test
        void refusesAnEmailInvitationForAnAccountWithAnotherEmail() {
            fixture.givenOrganization(ORG, new InvitationReservedEvent(ORG, OTHER_INVITATION,
                            "email:someone@example.com", null, T0, EXPIRES_AT))
                   .givenHandshake(OTHER_INVITATION, new AccountInvitedEvent(OTHER_INVITATION, PROFILE,
                           new HandshakeParty("someone@example.com", PartyType.EMAIL), null, "hi", TAGS, MANAGEMENT,
                           T0, EXPIRES_AT, RETENTION, "expiry-0"));

            fixture.when(new AcceptHandshakeCommand(OTHER_INVITATION, STRANGER, "stranger@example.com", "Stranger",
                           T1, AcceptWhileMember.MOVE))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesTheManagementAccountAcceptingItsOwnInvitation() {
            fixture.when(accept(MANAGEMENT, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAnAccountTheInvitationIsNotFor() {
            fixture.when(accept(STRANGER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnUnknownHandshakeAsNotFound() {
            fixture.when(new AcceptHandshakeCommand(new HandshakeId("h-0000000000000000"), RECIPIENT,
                           RECIPIENT_EMAIL, RECIPIENT_NAME, T1, AcceptWhileMember.MOVE))
                   .expectException(HandshakeNotFoundException.class);
        }

        @Test
        void stillAcceptsOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);

            fixture.when(accept(RECIPIENT, justInTime))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, justInTime,
                                   "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, justInTime),
                           joinedByInvitation(RECIPIENT_EMAIL, justInTime));
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.when(accept(RECIPIENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void seesTheInvitationExpiredAfterItsExpirationTimeEvenBeforeTheDeadlineFired() {
            fixture.when(accept(RECIPIENT, EXPIRES_AT.plus(Duration.ofDays(1))))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class AcceptingASettledInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void refusesASecondAcceptAsAlreadyInState() {
            fixture.givenCommands(accept(RECIPIENT, T1));

            fixture.when(accept(RECIPIENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesAcceptingADeclinedInvitation() {
            fixture.givenCommands(new DeclineHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, T1));

            fixture.when(accept(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAcceptingACanceledInvitation() {
            fixture.givenCommands(new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1));

            fixture.when(accept(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAcceptingAnExpiredInvitation() {
            fixture.givenHandshake(INVITATION, new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "retention-0"));

            fixture.when(accept(RECIPIENT, EXPIRES_AT.plusSeconds(60)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAnInvitationCanceledBecauseAllFeaturesWereRequested() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, T1,
                    T1.plus(MIGRATION_LIFETIME), RETENTION));

            fixture.when(accept(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheRoleBeforeTheState() {
            fixture.givenCommands(accept(RECIPIENT, T1));

            fixture.when(accept(MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class JoiningFromAnotherOrganization {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void movesAMemberOfAnotherOrganization() {
            givenRecipientIsAMemberOfTheOtherOrganization();

            fixture.when(accept(RECIPIENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG, T1),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                                   DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void joinsAnAccountThatLeftItsPreviousOrganization() {
            givenRecipientIsAMemberOfTheOtherOrganization();
            fixture.givenOrganization(OTHER_ORG, new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                            DepartureReason.LEFT, T0.plusSeconds(60)))
                   .givenAccount(RECIPIENT, new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG,
                           T0.plusSeconds(60)));

            fixture.when(accept(RECIPIENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void withdrawsTheApprovalAMovingMemberOwedItsOldOrganization() {
            HandshakeId owed = OTHER_PARENT.approvalFor(RECIPIENT);
            givenRecipientIsAMemberOfTheOtherOrganization();
            fixture.givenCommands(new EnableAllFeaturesCommand(OTHER_PARENT, OTHER_ORG, OTHER_MANAGEMENT, T0,
                    T0.plus(MIGRATION_LIFETIME), RETENTION));

            // the other request took expiry-1 and its approval expiry-2
            fixture.when(accept(RECIPIENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-3"),
                           new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG, T1),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                                   DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, T1),
                           new HandshakeCanceledEvent(owed, null, CloseReason.MEMBER_LEFT_ORGANIZATION, T1,
                                   "handshake-retention-4"),
                           new AllFeaturesApprovalSettledEvent(OTHER_PARENT, owed, T1),
                           new HandshakeOpenedEvent(OTHER_PARENT, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void movesAMemberThatApprovedItsOldOrganizationsRequestLongAgo() {
            Instant approved = T0.plusSeconds(60);
            Instant later = approved.plus(RETENTION).plusSeconds(1);
            givenRecipientIsAMemberOfTheOtherOrganization();
            fixture.givenCommands(new EnableAllFeaturesCommand(OTHER_PARENT, OTHER_ORG, OTHER_MANAGEMENT, T0,
                                    T0.plus(MIGRATION_LIFETIME), RETENTION),
                            new AcceptHandshakeCommand(OTHER_PARENT.approvalFor(RECIPIENT), RECIPIENT,
                                    RECIPIENT_EMAIL, RECIPIENT_NAME, approved, AcceptWhileMember.MOVE))
                   .givenTimeAdvancedTo(approved.plus(RETENTION))
                   .givenCommands(new InviteAccountToOrganizationCommand(OTHER_INVITATION, ORG, MANAGEMENT,
                           ACCOUNT_TARGET, RECIPIENT, null, List.of(), later, later.plus(INVITATION_LIFETIME),
                           RETENTION, LIMITS));

            // the other request took expiry-1 and -2, its approval's acceptance retention-3, the invitation expiry-4
            fixture.when(new AcceptHandshakeCommand(OTHER_INVITATION, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME,
                           later, AcceptWhileMember.MOVE))
                   .expectEvents(new HandshakeAcceptedEvent(OTHER_INVITATION, RECIPIENT, later,
                                   "handshake-retention-5"),
                           new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG, later),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, later),
                           new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                                   DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, later),
                           new AccountJoinedOrganizationEvent(ORG, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME,
                                   JoinedMethod.INVITED, OTHER_INVITATION, List.of(), later));
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganization() {
            fixture.givenOrganization(STRANGER_ORG, new OrganizationCreatedEvent(new OrganizationProfile(
                            STRANGER_ORG, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME, FeatureSet.ALL), T0))
                   .givenAccount(RECIPIENT, new AccountMembershipClaimedEvent(RECIPIENT, STRANGER_ORG, true, T0));

            fixture.when(accept(RECIPIENT, T1))
                   .expectException(MasterCannotLeaveOrganizationException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAMemberOfAnotherOrganizationAsAlreadyInAnOrganizationWhenConfiguredToReject() {
            givenRecipientIsAMemberOfTheOtherOrganization();

            fixture.when(accept(RECIPIENT, T1, AcceptWhileMember.REJECT))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganizationAsAlreadyInAnOrganizationWhenConfiguredToReject() {
            fixture.givenOrganization(STRANGER_ORG, new OrganizationCreatedEvent(new OrganizationProfile(
                            STRANGER_ORG, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME, FeatureSet.ALL), T0))
                   .givenAccount(RECIPIENT, new AccountMembershipClaimedEvent(RECIPIENT, STRANGER_ORG, true, T0));

            fixture.when(accept(RECIPIENT, T1, AcceptWhileMember.REJECT))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }

        @Test
        void joinsAStandaloneAccountWhenConfiguredToReject() {
            fixture.when(accept(RECIPIENT, T1, AcceptWhileMember.REJECT))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void joinsAnAccountThatLeftItsPreviousOrganizationWhenConfiguredToReject() {
            givenRecipientIsAMemberOfTheOtherOrganization();
            fixture.givenOrganization(OTHER_ORG, new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                            DepartureReason.LEFT, T0.plusSeconds(60)))
                   .givenAccount(RECIPIENT, new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG,
                           T0.plusSeconds(60)));

            fixture.when(accept(RECIPIENT, T1, AcceptWhileMember.REJECT))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void refusesAnAccountAlreadyInThisOrganization() {
            fixture.givenOrganization(ORG, new InvitationReservedEvent(ORG, OTHER_INVITATION,
                            "email:member@example.com", null, T0, EXPIRES_AT))
                   .givenHandshake(OTHER_INVITATION, new AccountInvitedEvent(OTHER_INVITATION, PROFILE,
                           new HandshakeParty("member@example.com", PartyType.EMAIL), null, "hi", TAGS, MANAGEMENT,
                           T0, EXPIRES_AT, RETENTION, "expiry-0"));

            fixture.when(new AcceptHandshakeCommand(OTHER_INVITATION, MEMBER, "member@example.com", "Member", T1,
                           AcceptWhileMember.MOVE))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }

        @Test
        void checksTheInvitationsStateBeforeTheAccountsOrganization() {
            fixture.givenOrganization(STRANGER_ORG, new OrganizationCreatedEvent(new OrganizationProfile(
                            STRANGER_ORG, RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME, FeatureSet.ALL), T0))
                   .givenAccount(RECIPIENT, new AccountMembershipClaimedEvent(RECIPIENT, STRANGER_ORG, true, T0));

            fixture.when(accept(RECIPIENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheInvitationsRecipientBeforeTheAccountsOrganization() {
            fixture.when(accept(OTHER_MANAGEMENT, T1, AcceptWhileMember.REJECT))
                   .expectException(AccessDeniedException.class);
        }

        private void givenRecipientIsAMemberOfTheOtherOrganization() {
            fixture.givenOrganization(OTHER_ORG, joined(OTHER_ORG, RECIPIENT))
                   .givenAccount(RECIPIENT, new AccountMembershipClaimedEvent(RECIPIENT, OTHER_ORG, false, T0));
        }
    }

    @Nested
    class AcceptingTheEnableAllFeaturesRequest {
        @Test
        void enablesAllFeaturesWhenTheManagementAccountAcceptsTheOpenRequest() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1,
                    T1.plus(MIGRATION_LIFETIME), RETENTION));

            fixture.when(new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small", T2,
                           AcceptWhileMember.MOVE))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT, SMALL_MANAGEMENT, T2, "handshake-retention-2"),
                           new AllFeaturesEnabledEvent(SMALL_ORG, PARENT, T2));
        }

        @Test
        void finishesARequestThatOpenedWhenEveryApprovalWasIn() {
            fixture.givenCommands(enableAllFeatures(T1), acceptApproval(APPROVAL, MEMBER, T1),
                    acceptApproval(SECOND_APPROVAL, SECOND_MEMBER, T1));

            // the request and its approvals took expiry-1 to -3, the approvals' acceptance retention-4 and -5
            fixture.when(acceptParent(MANAGEMENT, T2))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT, MANAGEMENT, T2, "handshake-retention-6"),
                           new AllFeaturesEnabledEvent(ORG, PARENT, T2));
        }

        @Test
        void refusesToFinishARequestStillWaitingForApprovals() {
            fixture.givenCommands(enableAllFeatures(T1), acceptApproval(APPROVAL, MEMBER, T1));

            fixture.when(acceptParent(MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAMemberAcceptingTheRequest() {
            fixture.givenCommands(enableAllFeatures(T1), acceptApproval(APPROVAL, MEMBER, T1),
                    acceptApproval(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(acceptParent(MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesToFinishARequestAtItsExpirationTime() {
            Instant expiresAt = T1.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1, expiresAt,
                    RETENTION));

            fixture.when(new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small", expiresAt,
                           AcceptWhileMember.MOVE))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondAcceptAsAlreadyInState() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1,
                            T1.plus(MIGRATION_LIFETIME), RETENTION),
                    new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small", T1,
                            AcceptWhileMember.MOVE));

            fixture.when(new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small", T2,
                           AcceptWhileMember.MOVE))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesACanceledRequest() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1,
                            T1.plus(MIGRATION_LIFETIME), RETENTION),
                    new CancelHandshakeCommand(PARENT, SMALL_MANAGEMENT, T1));

            fixture.when(new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small", T2,
                           AcceptWhileMember.MOVE))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class AcceptingAnApproval {
        @BeforeEach
        void setUp() {
            fixture.givenCommands(enableAllFeatures(T1));
        }

        @Test
        void acceptsTheApprovalForTheAddressedMemberAndSettlesItWithTheRequest() {
            fixture.when(acceptApproval(APPROVAL, MEMBER, T2))
                   .expectEvents(new HandshakeAcceptedEvent(APPROVAL, MEMBER, T2, "handshake-retention-4"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2));
        }

        @Test
        void opensTheRequestWhenTheLastApprovalIsIn() {
            fixture.givenCommands(acceptApproval(APPROVAL, MEMBER, T1));

            fixture.when(acceptApproval(SECOND_APPROVAL, SECOND_MEMBER, T2))
                   .expectEvents(new HandshakeAcceptedEvent(SECOND_APPROVAL, SECOND_MEMBER, T2,
                                   "handshake-retention-5"),
                           new AllFeaturesApprovalSettledEvent(PARENT, SECOND_APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void refusesTheManagementAccountAcceptingAnApproval() {
            fixture.when(acceptApproval(APPROVAL, MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnotherMemberAcceptingTheApproval() {
            fixture.when(acceptApproval(APPROVAL, SECOND_MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesASecondAcceptAsAlreadyInState() {
            fixture.givenCommands(acceptApproval(APPROVAL, MEMBER, T1));

            fixture.when(acceptApproval(APPROVAL, MEMBER, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesAcceptingADeclinedApproval() {
            fixture.givenCommands(new DeclineHandshakeCommand(APPROVAL, MEMBER, "member@example.com", T1));

            fixture.when(acceptApproval(APPROVAL, MEMBER, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAnApprovalAtItsExpirationTime() {
            fixture.when(acceptApproval(APPROVAL, MEMBER, T1.plus(MIGRATION_LIFETIME)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    private static AccountJoinedOrganizationEvent joined(OrganizationId organization, AccountId account) {
        return new AccountJoinedOrganizationEvent(organization, account, account.value() + "@example.com", "Member",
                JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()), List.of(), T0);
    }

    private static AccountJoinedOrganizationEvent joinedByInvitation(String email, Instant at) {
        return new AccountJoinedOrganizationEvent(ORG, RECIPIENT, email, RECIPIENT_NAME, JoinedMethod.INVITED,
                INVITATION, TAGS, at);
    }

    private static AcceptHandshakeCommand accept(AccountId caller, Instant at) {
        return accept(caller, at, AcceptWhileMember.MOVE);
    }

    private static AcceptHandshakeCommand accept(AccountId caller, Instant at, AcceptWhileMember policy) {
        String email = caller.equals(RECIPIENT) ? RECIPIENT_EMAIL : caller.value() + "@example.com";
        return new AcceptHandshakeCommand(INVITATION, caller, email, RECIPIENT_NAME, at, policy);
    }

    private static EnableAllFeaturesCommand enableAllFeatures(Instant at) {
        return new EnableAllFeaturesCommand(PARENT, ORG, MANAGEMENT, at, at.plus(MIGRATION_LIFETIME), RETENTION);
    }

    private static AcceptHandshakeCommand acceptParent(AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(PARENT, caller, caller.value() + "@example.com", "Caller", at,
                AcceptWhileMember.MOVE);
    }

    private static AcceptHandshakeCommand acceptApproval(HandshakeId approval, AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(approval, caller, caller.value() + "@example.com", "Caller", at,
                AcceptWhileMember.MOVE);
    }
}
