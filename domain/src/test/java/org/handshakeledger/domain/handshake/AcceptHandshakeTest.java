package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.EXPIRES_AT;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.MIGRATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_INVITATION;
import static org.handshakeledger.domain.LedgerExamples.OTHER_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.OTHER_ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.OTHER_RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT_EMAIL;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT_NAME;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.SECOND_APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.SECOND_MEMBER;
import static org.handshakeledger.domain.LedgerExamples.SMALL_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.SMALL_ORG;
import static org.handshakeledger.domain.LedgerExamples.SMALL_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.STRANGER;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.TAGS;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.emailOf;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.invited;
import static org.handshakeledger.domain.LedgerExamples.invitedByEmail;
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.reserved;
import static org.handshakeledger.domain.LedgerExamples.reservedForEmail;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION;

import java.time.Duration;
import java.time.Instant;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.JoinedMethod;
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
    /** An organization {@code RECIPIENT} manages, in some tests. */
    private static final OrganizationProfile STRANGER_PROFILE = new OrganizationProfile(
            new OrganizationId("o-s9t8r7a6n5"), RECIPIENT, RECIPIENT_EMAIL, RECIPIENT_NAME, FeatureSet.ALL);
    private static final HandshakeId OTHER_PARENT = new HandshakeId("h-parent000002");

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER), joined(ORG, SECOND_MEMBER))
                .givenOrganizationCreated(OTHER_PROFILE, T0)
                .givenOrganizationCreated(SMALL_PROFILE, T0);
    }

    /** The invitation of {@code RECIPIENT} to {@code ORG}, sent at T0; its expiry is not scheduled here. */
    private void givenAnOpenInvitation() {
        fixture.givenOrganization(ORG, reserved(INVITATION, RECIPIENT, T0))
               .givenHandshake(INVITATION, invited(INVITATION, RECIPIENT, T0, "expiry-0"));
    }

    /** The invitation of an email address the ledger does not know, as {@link #givenAnOpenInvitation} sends it. */
    private void givenAnEmailInvitation(String address) {
        fixture.givenOrganization(ORG, reservedForEmail(OTHER_INVITATION, address, T0))
               .givenHandshake(OTHER_INVITATION, invitedByEmail(OTHER_INVITATION, address, T0, "expiry-0"));
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
            fixture.givenCommands(invite(OTHER_INVITATION, OTHER_RECIPIENT, T0));

            fixture.when(acceptHandshake(OTHER_INVITATION, OTHER_RECIPIENT, T1))
                   .expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION, T1.plus(RETENTION),
                            new RetentionDue(OTHER_INVITATION, T1.plus(RETENTION))));
        }

        @Test
        void acceptsAnEmailInvitationForTheAccountWithThatEmailIgnoringCase() {
            givenAnEmailInvitation("Someone@Example.com");

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
            givenAnEmailInvitation("someone@example.com");

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
            fixture.givenCommands(declineHandshake(INVITATION, RECIPIENT, T1));

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
            fixture.givenCommands(enableAllFeatures(T1));

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
            givenRecipientLeftTheOtherOrganization();

            fixture.when(accept(RECIPIENT, T1))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void withdrawsTheApprovalAMovingMemberOwedItsOldOrganization() {
            HandshakeId owed = OTHER_PARENT.approvalFor(RECIPIENT);
            givenRecipientIsAMemberOfTheOtherOrganization();
            fixture.givenCommands(enableAllFeatures(OTHER_PROFILE, OTHER_PARENT, T0));

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
            fixture.givenCommands(enableAllFeatures(OTHER_PROFILE, OTHER_PARENT, T0),
                            acceptHandshake(OTHER_PARENT.approvalFor(RECIPIENT), RECIPIENT, approved))
                   .givenTimeAdvancedTo(approved.plus(RETENTION))
                   .givenCommands(invite(OTHER_INVITATION, RECIPIENT, later));

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
                                   JoinedMethod.INVITED, OTHER_INVITATION, TAGS, later));
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganization() {
            fixture.givenOrganizationCreated(STRANGER_PROFILE, T0);

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
            fixture.givenOrganizationCreated(STRANGER_PROFILE, T0);

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
            givenRecipientLeftTheOtherOrganization();

            fixture.when(accept(RECIPIENT, T1, AcceptWhileMember.REJECT))
                   .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                           joinedByInvitation(RECIPIENT_EMAIL, T1));
        }

        @Test
        void refusesAnAccountAlreadyInThisOrganization() {
            givenAnEmailInvitation("member@example.com");

            fixture.when(new AcceptHandshakeCommand(OTHER_INVITATION, MEMBER, "member@example.com", "Member", T1,
                           AcceptWhileMember.MOVE))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }

        @Test
        void checksTheInvitationsStateBeforeTheAccountsOrganization() {
            fixture.givenOrganizationCreated(STRANGER_PROFILE, T0);

            fixture.when(accept(RECIPIENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheInvitationsRecipientBeforeTheAccountsOrganization() {
            fixture.when(accept(OTHER_MANAGEMENT, T1, AcceptWhileMember.REJECT))
                   .expectException(AccessDeniedException.class);
        }

        private void givenRecipientIsAMemberOfTheOtherOrganization() {
            fixture.givenJoined(joined(OTHER_ORG, RECIPIENT));
        }

        private void givenRecipientLeftTheOtherOrganization() {
            givenRecipientIsAMemberOfTheOtherOrganization();
            fixture.givenOrganization(OTHER_ORG, new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                            DepartureReason.LEFT, T0.plusSeconds(60)))
                   .givenAccount(RECIPIENT, new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG,
                           T0.plusSeconds(60)));
        }
    }

    @Nested
    class AcceptingTheEnableAllFeaturesRequest {
        @Test
        void enablesAllFeaturesWhenTheManagementAccountAcceptsTheOpenRequest() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1));

            fixture.when(acceptHandshake(PARENT, SMALL_MANAGEMENT, T2))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT, SMALL_MANAGEMENT, T2, "handshake-retention-2"),
                           new AllFeaturesEnabledEvent(SMALL_ORG, PARENT, T2));
        }

        @Test
        void finishesARequestThatOpenedWhenEveryApprovalWasIn() {
            fixture.givenCommands(enableAllFeatures(T1), acceptHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1));

            // the request and its approvals took expiry-1 to -3, the approvals' acceptance retention-4 and -5
            fixture.when(acceptHandshake(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeAcceptedEvent(PARENT, MANAGEMENT, T2, "handshake-retention-6"),
                           new AllFeaturesEnabledEvent(ORG, PARENT, T2));
        }

        @Test
        void refusesToFinishARequestStillWaitingForApprovals() {
            fixture.givenCommands(enableAllFeatures(T1), acceptHandshake(APPROVAL, MEMBER, T1));

            fixture.when(acceptHandshake(PARENT, MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAMemberAcceptingTheRequest() {
            fixture.givenCommands(enableAllFeatures(T1), acceptHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(acceptHandshake(PARENT, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesToFinishARequestAtItsExpirationTime() {
            Instant expiresAt = T1.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1));

            fixture.when(acceptHandshake(PARENT, SMALL_MANAGEMENT, expiresAt))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondAcceptAsAlreadyInState() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1),
                    acceptHandshake(PARENT, SMALL_MANAGEMENT, T1));

            fixture.when(acceptHandshake(PARENT, SMALL_MANAGEMENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesACanceledRequest() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1),
                    new CancelHandshakeCommand(PARENT, SMALL_MANAGEMENT, T1));

            fixture.when(acceptHandshake(PARENT, SMALL_MANAGEMENT, T2))
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
            fixture.when(acceptHandshake(APPROVAL, MEMBER, T2))
                   .expectEvents(new HandshakeAcceptedEvent(APPROVAL, MEMBER, T2, "handshake-retention-4"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T2));
        }

        @Test
        void opensTheRequestWhenTheLastApprovalIsIn() {
            fixture.givenCommands(acceptHandshake(APPROVAL, MEMBER, T1));

            fixture.when(acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T2))
                   .expectEvents(new HandshakeAcceptedEvent(SECOND_APPROVAL, SECOND_MEMBER, T2,
                                   "handshake-retention-5"),
                           new AllFeaturesApprovalSettledEvent(PARENT, SECOND_APPROVAL, T2),
                           new HandshakeOpenedEvent(PARENT, T2));
        }

        @Test
        void refusesTheManagementAccountAcceptingAnApproval() {
            fixture.when(acceptHandshake(APPROVAL, MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnotherMemberAcceptingTheApproval() {
            fixture.when(acceptHandshake(APPROVAL, SECOND_MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesASecondAcceptAsAlreadyInState() {
            fixture.givenCommands(acceptHandshake(APPROVAL, MEMBER, T1));

            fixture.when(acceptHandshake(APPROVAL, MEMBER, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesAcceptingADeclinedApproval() {
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T1));

            fixture.when(acceptHandshake(APPROVAL, MEMBER, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesAnApprovalAtItsExpirationTime() {
            fixture.when(acceptHandshake(APPROVAL, MEMBER, T1.plus(MIGRATION_LIFETIME)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    private static AccountJoinedOrganizationEvent joinedByInvitation(String email, Instant at) {
        return new AccountJoinedOrganizationEvent(ORG, RECIPIENT, email, RECIPIENT_NAME, JoinedMethod.INVITED,
                INVITATION, TAGS, at);
    }

    private static AcceptHandshakeCommand accept(AccountId caller, Instant at) {
        return accept(caller, at, AcceptWhileMember.MOVE);
    }

    private static AcceptHandshakeCommand accept(AccountId caller, Instant at, AcceptWhileMember policy) {
        return new AcceptHandshakeCommand(INVITATION, caller, emailOf(caller), RECIPIENT_NAME, at, policy);
    }
}
