package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.CREATED_MEMBER;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.INVITATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.LIMITS;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.MIGRATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_INVITATION;
import static org.handshakeledger.domain.LedgerExamples.OTHER_RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.SECOND_APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.SECOND_MEMBER;
import static org.handshakeledger.domain.LedgerExamples.SECOND_PARENT;
import static org.handshakeledger.domain.LedgerExamples.SMALL_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.SMALL_ORG;
import static org.handshakeledger.domain.LedgerExamples.SMALL_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.STRANGER;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.accountTarget;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.joinedAsCreated;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.organization.AllFeaturesMigrationStartedEvent;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Starting the enable-all-features flow (spec §7.2): the organization starts the migration, the parent opens, the
 * organization's open invitations are canceled and every member that joined by invitation gets an approval. How the
 * flow continues is proven where it continues: {@link AcceptHandshakeTest}, {@link DeclineHandshakeTest},
 * {@link CancelHandshakeTest}, {@link HandshakeDeadlinesTest} and the membership operations.
 */
class EnableAllFeaturesTest {
    /** Created by {@code SMALL_ORG}, not invited: the only member there besides the management account. */
    private static final AccountId SMALL_CREATED_MEMBER = new AccountId("131313131313");
    private static final String ALREADY_HAS_ALL_FEATURES =
            HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES;
    private static final String ALREADY_PENDING =
            HandshakeConstraintViolationException.ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION;

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER), joined(ORG, SECOND_MEMBER), joinedAsCreated(ORG, CREATED_MEMBER))
                .givenOrganizationCreated(SMALL_PROFILE, T0)
                .givenJoined(joinedAsCreated(SMALL_ORG, SMALL_CREATED_MEMBER));
    }

    @Nested
    class StartingTheRequest {
        @Test
        void createsARequestedParentWithAnApprovalForEachInvitedMemberButNotForCreatedOnes() {
            Instant expiresAt = T1.plus(MIGRATION_LIFETIME);

            fixture.when(enableAllFeatures(T1))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(ORG, PARENT, List.of(MEMBER, SECOND_MEMBER),
                                   List.of(), T1, expiresAt),
                           new AllFeaturesRequestedEvent(PARENT, PROFILE, List.of(APPROVAL, SECOND_APPROVAL),
                                   HandshakeState.REQUESTED, MANAGEMENT, T1, expiresAt, RETENTION,
                                   "handshake-expiry-1"),
                           new AllFeaturesApprovalRequestedEvent(APPROVAL, PARENT, PROFILE, MEMBER, T1, expiresAt,
                                   RETENTION, "handshake-expiry-2"),
                           new AllFeaturesApprovalRequestedEvent(SECOND_APPROVAL, PARENT, PROFILE, SECOND_MEMBER, T1,
                                   expiresAt, RETENTION, "handshake-expiry-3"));
        }

        @Test
        void schedulesTheExpiryOfTheParentAndOfEachApprovalAtTheParentsExpirationTime() {
            Instant expiresAt = T1.plus(MIGRATION_LIFETIME);

            fixture.when(enableAllFeatures(T1)).expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::payload)
                    .containsExactly(
                            tuple("handshake-expiry-1", HandshakeDeadlines.EXPIRY, new ExpiryDue(PARENT, expiresAt)),
                            tuple("handshake-expiry-2", HandshakeDeadlines.EXPIRY, new ExpiryDue(APPROVAL, expiresAt)),
                            tuple("handshake-expiry-3", HandshakeDeadlines.EXPIRY,
                                    new ExpiryDue(SECOND_APPROVAL, expiresAt)));
        }

        @Test
        void opensTheParentAtOnceWhenNoMemberWasInvited() {
            Instant expiresAt = T1.plus(MIGRATION_LIFETIME);

            fixture.when(enableAllFeatures(SMALL_PROFILE, PARENT, T1))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(SMALL_ORG, PARENT, List.of(), List.of(), T1,
                                   expiresAt),
                           new AllFeaturesRequestedEvent(PARENT, SMALL_PROFILE, List.of(), HandshakeState.OPEN,
                                   SMALL_MANAGEMENT, T1, expiresAt, RETENTION, "handshake-expiry-1"));
        }

        @Test
        void cancelsTheOpenInvitationsOfTheOrganization() {
            Instant expiresAt = T2.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1), invite(OTHER_INVITATION, OTHER_RECIPIENT, T1));

            fixture.when(enableAllFeatures(T2))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(ORG, PARENT, List.of(MEMBER, SECOND_MEMBER),
                                   List.of(INVITATION, OTHER_INVITATION), T2, expiresAt),
                           new AllFeaturesRequestedEvent(PARENT, PROFILE, List.of(APPROVAL, SECOND_APPROVAL),
                                   HandshakeState.REQUESTED, MANAGEMENT, T2, expiresAt, RETENTION,
                                   "handshake-expiry-3"),
                           new HandshakeCanceledEvent(INVITATION, null, CloseReason.ALL_FEATURES_MIGRATION_STARTED,
                                   T2, "handshake-retention-4"),
                           new HandshakeCanceledEvent(OTHER_INVITATION, null,
                                   CloseReason.ALL_FEATURES_MIGRATION_STARTED, T2, "handshake-retention-5"),
                           new AllFeaturesApprovalRequestedEvent(APPROVAL, PARENT, PROFILE, MEMBER, T2, expiresAt,
                                   RETENTION, "handshake-expiry-6"),
                           new AllFeaturesApprovalRequestedEvent(SECOND_APPROVAL, PARENT, PROFILE, SECOND_MEMBER, T2,
                                   expiresAt, RETENTION, "handshake-expiry-7"));
        }

        @Test
        void cancelsTheExpiryOfEachInvitationItCanceled() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1), invite(OTHER_INVITATION, OTHER_RECIPIENT, T1));

            fixture.when(enableAllFeatures(T2)).expectSuccess();

            assertThat(fixture.deadlines().scheduled()).extracting(Scheduled::id)
                    .containsExactlyInAnyOrder("handshake-expiry-3", "handshake-retention-4", "handshake-retention-5",
                            "handshake-expiry-6", "handshake-expiry-7");
        }

        @Test
        void leavesAnsweredAndExpiredInvitationsAlone() {
            Instant later = T1.plus(INVITATION_LIFETIME);
            Instant expiresAt = later.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1), invite(OTHER_INVITATION, OTHER_RECIPIENT, T1),
                    declineHandshake(INVITATION, RECIPIENT, T2));

            fixture.when(enableAllFeatures(later))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(ORG, PARENT, List.of(MEMBER, SECOND_MEMBER),
                                   List.of(), later, expiresAt),
                           new AllFeaturesRequestedEvent(PARENT, PROFILE, List.of(APPROVAL, SECOND_APPROVAL),
                                   HandshakeState.REQUESTED, MANAGEMENT, later, expiresAt, RETENTION,
                                   "handshake-expiry-4"),
                           new AllFeaturesApprovalRequestedEvent(APPROVAL, PARENT, PROFILE, MEMBER, later, expiresAt,
                                   RETENTION, "handshake-expiry-5"),
                           new AllFeaturesApprovalRequestedEvent(SECOND_APPROVAL, PARENT, PROFILE, SECOND_MEMBER,
                                   later, expiresAt, RETENTION, "handshake-expiry-6"));
        }

        @Test
        void asksAMemberThatJoinedByAcceptingAnInvitation() {
            Instant expiresAt = T2.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(new InviteAccountToOrganizationCommand(INVITATION, SMALL_ORG, SMALL_MANAGEMENT,
                            accountTarget(RECIPIENT), RECIPIENT, null, List.of(), T1, T1.plus(INVITATION_LIFETIME),
                            RETENTION, LIMITS),
                    acceptHandshake(INVITATION, RECIPIENT, T1));

            fixture.when(enableAllFeatures(SMALL_PROFILE, PARENT, T2))
                   .expectEvents(new AllFeaturesMigrationStartedEvent(SMALL_ORG, PARENT, List.of(RECIPIENT),
                                   List.of(), T2, expiresAt),
                           new AllFeaturesRequestedEvent(PARENT, SMALL_PROFILE, List.of(PARENT.approvalFor(RECIPIENT)),
                                   HandshakeState.REQUESTED, SMALL_MANAGEMENT, T2, expiresAt, RETENTION,
                                   "handshake-expiry-3"),
                           new AllFeaturesApprovalRequestedEvent(PARENT.approvalFor(RECIPIENT), PARENT,
                                   SMALL_PROFILE, RECIPIENT, T2, expiresAt, RETENTION, "handshake-expiry-4"));
        }
    }

    @Nested
    class CheckingTheCaller {
        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.when(enableAllFeaturesAs(MEMBER, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAnAccountOutsideTheOrganizationAsNotInUse() {
            fixture.when(enableAllFeaturesAs(STRANGER, T1))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void checksTheRoleBeforeThePendingRequest() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(new EnableAllFeaturesCommand(SECOND_PARENT, ORG, MEMBER, T2, T2.plus(MIGRATION_LIFETIME),
                           RETENTION))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class RefusingWhatCannotStart {
        @Test
        void refusesAnOrganizationCreatedWithAllFeatures() {
            OrganizationId allOrg = new OrganizationId("o-a1l2l3f4s5");
            AccountId allManagement = new AccountId("101010101010");
            fixture.givenOrganization(allOrg, new OrganizationCreatedEvent(new OrganizationProfile(allOrg,
                    allManagement, "a@example.com", "All", FeatureSet.ALL), T0));

            fixture.when(new EnableAllFeaturesCommand(PARENT, allOrg, allManagement, T1, T1.plus(MIGRATION_LIFETIME),
                           RETENTION))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_HAS_ALL_FEATURES);
        }

        @Test
        void refusesAnOrganizationThatHasEnabledAllFeatures() {
            fixture.givenCommands(enableAllFeatures(T1), acceptHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1), acceptHandshake(PARENT, MANAGEMENT, T1));

            fixture.when(enableAllFeatures(SECOND_PARENT, T2))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_HAS_ALL_FEATURES);
        }

        @Test
        void refusesASecondRequestWhileOneIsPending() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(enableAllFeatures(SECOND_PARENT, T2))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_PENDING);
        }

        @Test
        void refusesASecondRequestWhileTheFirstIsOpenForTheManagementAccount() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1));

            fixture.when(enableAllFeatures(SMALL_PROFILE, SECOND_PARENT, T2))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_PENDING);
        }

        @Test
        void startsAgainOnceThePreviousRequestWasCanceled() {
            fixture.givenCommands(enableAllFeatures(T1), new CancelHandshakeCommand(PARENT, MANAGEMENT, T1));

            fixture.when(enableAllFeatures(SECOND_PARENT, T2))
                   .expectSuccess();
        }

        @Test
        void startsAgainOnceThePreviousRequestExpiredEvenBeforeItsDeadlineFired() {
            Instant expired = T1.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(enableAllFeatures(SECOND_PARENT, expired))
                   .expectSuccess();
        }
    }

    private static EnableAllFeaturesCommand enableAllFeaturesAs(AccountId caller, Instant at) {
        return new EnableAllFeaturesCommand(PARENT, ORG, caller, at, at.plus(MIGRATION_LIFETIME), RETENTION);
    }}
