package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesMigrationStartedEvent;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
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
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant EXPIRES_AT = T0.plus(INVITATION_LIFETIME);
    private static final Instant REQUEST_EXPIRES_AT = T0.plus(MIGRATION_LIFETIME);
    /** Late enough that what settles then is not deleted before the request expires. */
    private static final Instant A_DAY_BEFORE_EXPIRY = REQUEST_EXPIRES_AT.minus(Duration.ofDays(1));

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId SMALL_ORG = new OrganizationId("o-s1m2a3l4l5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final AccountId MEMBER = new AccountId("333333333333");
    private static final AccountId OTHER_RECIPIENT = new AccountId("444444444444");
    private static final AccountId SMALL_MANAGEMENT = new AccountId("888888888888");
    private static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    private static final HandshakeId OTHER_INVITATION = new HandshakeId("h-invite000002");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final HandshakeId SECOND_PARENT = new HandshakeId("h-parent000002");
    private static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);

    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final OrganizationProfile SMALL_PROFILE = new OrganizationProfile(SMALL_ORG, SMALL_MANAGEMENT,
            "s@example.com", "Small", FeatureSet.CONSOLIDATED_BILLING);
    private static final String RECIPIENT_EMAIL = "r@example.com";
    /** The management account, {@link #MEMBER} and one open invitation. */
    private static final InvitationLimits THREE_ACCOUNTS = new InvitationLimits(3, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0),
                        new AccountJoinedOrganizationEvent(ORG, MEMBER, "member@example.com", "Member",
                                JoinedMethod.INVITED, new HandshakeId("h-member000001"), List.of(), T0))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0))
                .givenOrganization(SMALL_ORG, new OrganizationCreatedEvent(SMALL_PROFILE, T0))
                .givenAccount(SMALL_MANAGEMENT, new AccountMembershipClaimedEvent(SMALL_MANAGEMENT, SMALL_ORG, true,
                        T0));
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
            fixture.givenCommands(new AcceptHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, "Recipient", T1,
                    AcceptWhileMember.MOVE));

            fixture.whenTimeAdvancesTo(EXPIRES_AT.plus(Duration.ofHours(1)))
                   .expectNoEvents();
        }

        @Test
        void freesTheQuotaSlotForALaterInvitationWithoutAnyEventOnTheOrganization() {
            fixture.whenTimeAdvancesTo(EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"));

            // with the management account and MEMBER, the expired invitation had taken the last of three slots
            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, EXPIRES_AT))
                   .expectEvents(new InvitationReservedEvent(ORG, OTHER_INVITATION, "account:" + OTHER_RECIPIENT,
                                   OTHER_RECIPIENT, EXPIRES_AT, EXPIRES_AT.plus(INVITATION_LIFETIME)),
                           new AccountInvitedEvent(OTHER_INVITATION, PROFILE,
                                   new HandshakeParty(OTHER_RECIPIENT.value(), PartyType.ACCOUNT), OTHER_RECIPIENT,
                                   null, List.of(), MANAGEMENT, EXPIRES_AT, EXPIRES_AT.plus(INVITATION_LIFETIME),
                                   RETENTION, "handshake-expiry-3"));
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
                    new AcceptHandshakeCommand(APPROVAL, MEMBER, "member@example.com", "Member", A_DAY_BEFORE_EXPIRY,
                            AcceptWhileMember.MOVE));

            fixture.whenTimeAdvancesTo(REQUEST_EXPIRES_AT)
                   .expectEvents(new HandshakeExpiredEvent(PARENT, REQUEST_EXPIRES_AT, "handshake-retention-4"));
        }

        @Test
        void ignoresTheExpiryOfAnAcceptedRequest() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T0,
                            REQUEST_EXPIRES_AT, RETENTION),
                    new AcceptHandshakeCommand(PARENT, SMALL_MANAGEMENT, "s@example.com", "Small",
                            A_DAY_BEFORE_EXPIRY, AcceptWhileMember.MOVE));

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
            fixture.when(acceptApproval(T1))
                   .expectEvents(new HandshakeAcceptedEvent(APPROVAL, MEMBER, T1, "handshake-retention-1"),
                           new AllFeaturesApprovalSettledEvent(PARENT, APPROVAL, T1),
                           new HandshakeOpenedEvent(PARENT, T1));
        }

        @Test
        void readAsExpiredFromTheExpirationTimeOn() {
            fixture.when(acceptApproval(REQUEST_EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        private AcceptHandshakeCommand acceptApproval(Instant at) {
            return new AcceptHandshakeCommand(APPROVAL, MEMBER, "member@example.com", "Member", at,
                    AcceptWhileMember.MOVE);
        }
    }

    @Nested
    class DeletingSettledHandshakes {
        @Test
        void acceptedInvitationIsDeletedRetentionAfterItWasAccepted() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptInvitation(T1));

            fixture.whenTimeAdvancesTo(T1.plus(RETENTION))
                   .expectEvents(new HandshakeDeletedEvent(INVITATION, T1.plus(RETENTION)));
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void settledInvitationIsKeptUntilItsRetentionIsOver() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0),
                    new DeclineHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, T1));

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
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptInvitation(T1));
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
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptInvitation(T1))
                   .givenTimeAdvancedTo(T1.plus(RETENTION));

            fixture.when(new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1.plus(RETENTION).plusSeconds(1)))
                   .expectException(HandshakeNotFoundException.class);
        }

        @Test
        void deletedInvitationIsNotFoundForItsRecipientEither() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0),
                            new DeclineHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, T1))
                   .givenTimeAdvancedTo(T1.plus(RETENTION));

            fixture.when(new AcceptHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, "Recipient",
                           T1.plus(RETENTION).plusSeconds(1), AcceptWhileMember.MOVE))
                   .expectException(HandshakeNotFoundException.class);
            fixture.when(new DeclineHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL,
                           T1.plus(RETENTION).plusSeconds(1)))
                   .expectException(HandshakeNotFoundException.class);
        }

        @Test
        void deletingAnAcceptedInvitationLeavesTheAccountAMember() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), acceptInvitation(T1))
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

    private static InviteAccountToOrganizationCommand invite(HandshakeId id, AccountId recipient, Instant at) {
        return new InviteAccountToOrganizationCommand(id, ORG, MANAGEMENT,
                new HandshakeParty(recipient.value(), PartyType.ACCOUNT), recipient, null, List.of(), at,
                at.plus(INVITATION_LIFETIME), RETENTION, THREE_ACCOUNTS);
    }

    private static AcceptHandshakeCommand acceptInvitation(Instant at) {
        return new AcceptHandshakeCommand(INVITATION, RECIPIENT, RECIPIENT_EMAIL, "Recipient", at,
                AcceptWhileMember.MOVE);
    }

    private static EnableAllFeaturesCommand enableAllFeatures(HandshakeId parent, Instant at) {
        return new EnableAllFeaturesCommand(parent, ORG, MANAGEMENT, at, at.plus(MIGRATION_LIFETIME), RETENTION);
    }
}
