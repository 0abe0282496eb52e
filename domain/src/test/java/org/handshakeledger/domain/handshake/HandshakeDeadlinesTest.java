package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.EXPIRES_AT;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_INVITATION;
import static org.handshakeledger.domain.LedgerExamples.OTHER_RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.REQUEST_EXPIRES_AT;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.SECOND_PARENT;
import static org.handshakeledger.domain.LedgerExamples.SMALL_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.SMALL_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.THREE_ACCOUNTS;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invited;
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.reserved;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerExamples;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.organization.AllFeaturesMigrationStartedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The expiry and retention deadlines. They may fire late or twice, and they touch their own handshake only: what an
 * expired handshake held in the organization (a quota slot, a pending all-features migration) lapses there on its
 * own at the expiration time, with no event. Handshakes are created by commands here, so their deadlines are really
 * scheduled, and the time really advances.
 */
class HandshakeDeadlinesTest {
    /** Late enough that what settles then is not deleted before the request expires. */
    private static final Instant A_DAY_BEFORE_EXPIRY = REQUEST_EXPIRES_AT.minus(Duration.ofDays(1));

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER))
                .givenOrganizationCreated(SMALL_PROFILE, T0);
    }

    @Nested
    class ExpiringAnInvitation {
        @BeforeEach
        void setUp() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));
        }

        @Test
        void unansweredInvitationExpiresAtItsExpirationTimeWithoutTouchingTheOrganization() {
            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"));
        }

        @Test
        void schedulesTheDeletionRetentionAfterTheExpirationTime() {
            fixture.whenTimeAdvancesTo(EXPIRES_AT);

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION,
                            EXPIRES_AT.plus(RETENTION), new RetentionDue(INVITATION, EXPIRES_AT.plus(RETENTION))));
        }

        @Test
        void unansweredInvitationStaysOpenUntilItsExpirationTime() {
            fixture.whenTimeAdvancesTo(EXPIRES_AT.minusMillis(1))
                   .expectNoEvents();

            assertThat(fixture.deadlines().scheduled()).extracting(Scheduled::id, Scheduled::payload)
                    .containsExactly(tuple("handshake-expiry-1", new ExpiryDue(INVITATION, EXPIRES_AT)));
        }

        @Test
        void recordsTheExpirationTimeAndCountsRetentionFromItWhenTheDeadlineFiresLate() {
            fixture.whenTimeAdvancesTo(EXPIRES_AT.plus(Duration.ofHours(3)))
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"));

            assertThat(fixture.deadlines().scheduled()).extracting(Scheduled::at)
                    .containsExactly(EXPIRES_AT.plus(RETENTION));
        }

        @Test
        void ignoresAnExpiryThatFiresTwice() {
            scheduleAgain("handshake-expiry-1");

            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-3"));
        }

        @Test
        void ignoresAnExpiryDueBeforeTheExpirationTime() {
            Instant early = EXPIRES_AT.minusMillis(1);
            Scheduled expiry = scheduled("handshake-expiry-1");
            fixture.deadlines().schedule(early, HandshakeDeadlines.EXPIRY, new ExpiryDue(INVITATION, early),
                    expiry.scope());

            fixture.whenTimeAdvancesTo(early)
                   .expectNoEvents();
        }

        @Test
        void ignoresAnExpiryOfAnInvitationAcceptedMeanwhile() {
            // the acceptance is given as an event, so nothing canceled the expiry: it fires after all
            fixture.givenHandshake(INVITATION, new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "retention-0"));

            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectNoEvents();
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void ignoresAnExpiryOfAnInvitationDeclinedMeanwhile() {
            fixture.givenHandshake(INVITATION, new HandshakeDeclinedEvent(INVITATION, RECIPIENT, T1, "retention-0"));

            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectNoEvents();
        }

        @Test
        void ignoresAnExpiryOfAnInvitationCanceledMeanwhile() {
            fixture.givenHandshake(INVITATION, new HandshakeCanceledEvent(INVITATION, MANAGEMENT,
                    CloseReason.CANCELED_BY_ORIGINATOR, T1, "retention-0"));

            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectNoEvents();
        }

        @Test
        void acceptedInvitationNeverExpires() {
            fixture.givenCommands(acceptHandshake(INVITATION, RECIPIENT, T1));

            fixture.whenTimeAdvancesTo(EXPIRES_AT.plus(Duration.ofHours(1)))
                   .expectNoEvents();
        }

        @Test
        void freesTheQuotaSlotForALaterInvitationWithoutAnyEventOnTheOrganization() {
            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"));

            // with the management account and MEMBER, the expired invitation had taken the last of three slots
            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, EXPIRES_AT))
                   .expectEvents(reserved(OTHER_INVITATION, OTHER_RECIPIENT, EXPIRES_AT),
                           invited(OTHER_INVITATION, OTHER_RECIPIENT, EXPIRES_AT, "handshake-expiry-3"));
        }

        @Test
        void letsTheSameAccountBeInvitedAgain() {
            fixture.givenTimeAdvancedTo(EXPIRES_AT);

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, EXPIRES_AT.plusSeconds(60)))
                   .expectSuccess();
        }
    }

    @Nested
    class ExpiringTheEnableAllFeaturesRequest {
        @Test
        void expiresTheRequestAndEachApprovalOnTheirOwnDeadlinesWithoutTouchingTheOrganization() {
            fixture.givenCommands(enableAllFeatures(PARENT, T0));

            fixture.whenTimeAdvancesTo(REQUEST_EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(PARENT, REQUEST_EXPIRES_AT, "handshake-retention-3"),
                           new HandshakeExpiredEvent(APPROVAL, REQUEST_EXPIRES_AT, "handshake-retention-4"));
        }

        @Test
        void expiresAnOpenApprovalOnItsOwnDeadlineWhateverBecameOfItsRequest() {
            // the request is settled by a given event, so nothing closed the approval or dropped its expiry
            fixture.givenCommands(enableAllFeatures(PARENT, T0))
                   .givenHandshake(PARENT, new HandshakeCanceledEvent(PARENT, MANAGEMENT,
                           CloseReason.CANCELED_BY_ORIGINATOR, T1, "retention-0"));

            fixture.whenTimeAdvancesTo(REQUEST_EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(APPROVAL, REQUEST_EXPIRES_AT, "handshake-retention-3"));
        }

        @Test
        void expiresAnOpenRequestLeavingAcceptedApprovalsAlone() {
            fixture.givenCommands(enableAllFeatures(PARENT, T0),
                    acceptHandshake(APPROVAL, MEMBER, A_DAY_BEFORE_EXPIRY));

            fixture.whenTimeAdvancesTo(REQUEST_EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(PARENT, REQUEST_EXPIRES_AT, "handshake-retention-4"));
        }

        @Test
        void ignoresTheExpiryOfAnAcceptedRequest() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T0),
                    acceptHandshake(PARENT, SMALL_MANAGEMENT, A_DAY_BEFORE_EXPIRY));

            fixture.whenTimeAdvancesTo(REQUEST_EXPIRES_AT)
                   .expectNoEvents();
        }

        @Test
        void allowsInvitationsAgainOnceTheRequestExpired() {
            fixture.givenCommands(enableAllFeatures(PARENT, T0))
                   .givenTimeAdvancedTo(REQUEST_EXPIRES_AT);

            fixture.when(invite(INVITATION, RECIPIENT, REQUEST_EXPIRES_AT))
                   .expectSuccess();
        }

        @Test
        void allowsANewRequestOnceTheRequestExpired() {
            fixture.givenCommands(enableAllFeatures(PARENT, T0))
                   .givenTimeAdvancedTo(REQUEST_EXPIRES_AT);

            fixture.when(enableAllFeatures(SECOND_PARENT, REQUEST_EXPIRES_AT))
                   .expectSuccess();
        }
    }

    /** Approvals stored before approvals had an expiry deadline of their own carry none. */
    @Nested
    class ApprovalsRecordedWithoutAnExpiry {
        @BeforeEach
        void setUp() {
            fixture.givenOrganization(ORG, new AllFeaturesMigrationStartedEvent(ORG, PARENT, List.of(MEMBER),
                            List.of(), T0, REQUEST_EXPIRES_AT))
                   .givenHandshake(PARENT, new AllFeaturesRequestedEvent(PARENT, PROFILE, List.of(APPROVAL),
                           HandshakeState.REQUESTED, MANAGEMENT, T0, REQUEST_EXPIRES_AT, RETENTION, "expiry-0"))
                   .givenHandshake(APPROVAL, new AllFeaturesApprovalRequestedEvent(APPROVAL, PARENT, PROFILE, MEMBER,
                           T0, REQUEST_EXPIRES_AT, RETENTION, null));
        }

        @Test
        void canStillBeAcceptedBeforeTheExpirationTime() {
            fixture.when(acceptHandshake(APPROVAL, MEMBER, T1))
                   .expectEvents(new HandshakeAcceptedEvent(APPROVAL, MEMBER, T1, "handshake-retention-1"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T1),
                           new HandshakeOpenedEvent(PARENT, T1));
        }

        @Test
        void readAsExpiredFromTheExpirationTimeOn() {
            fixture.when(acceptHandshake(APPROVAL, MEMBER, REQUEST_EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }    }

    @Nested
    class DeletingSettledHandshakes {
        @Test
        void acceptedInvitationIsDeletedRetentionAfterItWasAccepted() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptHandshake(INVITATION, RECIPIENT, T1));

            fixture.whenTimeAdvancesTo(T1.plus(RETENTION))
                   .expectEvents(new HandshakeDeletedEvent(INVITATION, T1.plus(RETENTION)));
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void settledInvitationIsKeptUntilItsRetentionIsOver() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0),
                    declineHandshake(INVITATION, RECIPIENT, T1));

            fixture.whenTimeAdvancesTo(T1.plus(RETENTION).minusMillis(1))
                   .expectNoEvents();
        }

        @Test
        void canceledRequestIsDeletedWithItsApprovalsRetentionAfterItWasCanceled() {
            fixture.givenCommands(enableAllFeatures(PARENT, T0), new CancelHandshakeCommand(PARENT, MANAGEMENT, T1));

            fixture.whenTimeAdvancesTo(T1.plus(RETENTION))
                   .expectEvents(new HandshakeDeletedEvent(PARENT, T1.plus(RETENTION)),
                           new HandshakeDeletedEvent(APPROVAL, T1.plus(RETENTION)));
        }

        @Test
        void unansweredInvitationIsDeletedRetentionAfterItExpired() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));

            fixture.whenTimeAdvancesTo(EXPIRES_AT.plus(RETENTION))
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"),
                           new HandshakeDeletedEvent(INVITATION, EXPIRES_AT.plus(RETENTION)));
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void ignoresARetentionThatFiresTwice() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptHandshake(INVITATION, RECIPIENT, T1));
            scheduleAgain("handshake-retention-2");

            fixture.whenTimeAdvancesTo(T1.plus(RETENTION))
                   .expectEvents(new HandshakeDeletedEvent(INVITATION, T1.plus(RETENTION)));
        }

        @Test
        void ignoresARetentionOfAHandshakeStillPending() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));
            Scheduled expiry = scheduled("handshake-expiry-1");
            fixture.deadlines().schedule(T1, HandshakeDeadlines.RETENTION, new RetentionDue(INVITATION, T1),
                    expiry.scope());

            fixture.whenTimeAdvancesTo(T1)
                   .expectNoEvents();
        }

        @Test
        void deletedInvitationIsNotFoundForItsOriginator() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptHandshake(INVITATION, RECIPIENT, T1))
                   .givenTimeAdvancedTo(T1.plus(RETENTION));

            fixture.when(new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1.plus(RETENTION).plusSeconds(1)))
                   .expectException(HandshakeNotFoundException.class);
        }

        @Test
        void deletedInvitationIsNotFoundForItsRecipientEither() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0),
                            declineHandshake(INVITATION, RECIPIENT, T1))
                   .givenTimeAdvancedTo(T1.plus(RETENTION));

            fixture.when(acceptHandshake(INVITATION, RECIPIENT, T1.plus(RETENTION).plusSeconds(1)))
                   .expectException(HandshakeNotFoundException.class);
            fixture.when(declineHandshake(INVITATION, RECIPIENT, T1.plus(RETENTION).plusSeconds(1)))
                   .expectException(HandshakeNotFoundException.class);
        }

        @Test
        void deletingAnAcceptedInvitationLeavesTheAccountAMember() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptHandshake(INVITATION, RECIPIENT, T1))
                   .givenTimeAdvancedTo(T1.plus(RETENTION));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, T1.plus(RETENTION)))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }
    }

    private Scheduled scheduled(String id) {
        return fixture.deadlines().scheduled().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** A second copy of a scheduled deadline, as a scheduler that delivers twice would fire it. */
    private void scheduleAgain(String id) {
        Scheduled deadline = scheduled(id);
        fixture.deadlines().schedule(deadline.at(), deadline.name(), deadline.payload(), deadline.scope());
    }

    /** Within {@code THREE_ACCOUNTS}, so that one open invitation takes the last slot. */
    private static InviteAccountToOrganizationCommand invite(HandshakeId id, AccountId recipient, Instant at) {
        return LedgerExamples.invite(id, recipient, at, THREE_ACCOUNTS);
    }
}
