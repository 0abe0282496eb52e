package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
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
import org.handshakeledger.domain.organization.JoinedMethod;
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
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId SMALL_ORG = new OrganizationId("o-s1m2a3l4l5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final AccountId SECOND_MEMBER = new AccountId("333333333333");
    private static final AccountId CREATED_MEMBER = new AccountId("444444444444");
    private static final AccountId RECIPIENT = new AccountId("555555555555");
    private static final AccountId OTHER_RECIPIENT = new AccountId("666666666666");
    private static final AccountId STRANGER = new AccountId("777777777777");
    private static final AccountId SMALL_MANAGEMENT = new AccountId("888888888888");
    private static final AccountId SMALL_CREATED_MEMBER = new AccountId("999999999999");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final HandshakeId SECOND_PARENT = new HandshakeId("h-parent000002");
    private static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);
    private static final HandshakeId SECOND_APPROVAL = PARENT.approvalFor(SECOND_MEMBER);
    private static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    private static final HandshakeId OTHER_INVITATION = new HandshakeId("h-invite000002");

    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    /** An organization whose only other member was created, not invited. */
    private static final OrganizationProfile SMALL_PROFILE = new OrganizationProfile(SMALL_ORG, SMALL_MANAGEMENT,
            "s@example.com", "Small", FeatureSet.CONSOLIDATED_BILLING);
    private static final String ALREADY_HAS_ALL_FEATURES =
            HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES;
    private static final String ALREADY_PENDING =
            HandshakeConstraintViolationException.ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION;
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0), joined(ORG, MEMBER),
                        joined(ORG, SECOND_MEMBER),
                        new AccountJoinedOrganizationEvent(ORG, CREATED_MEMBER, "c@example.com", "Created",
                                JoinedMethod.CREATED, null, List.of(), T0))
                .givenAccount(MANAGEMENT, new AccountMembershipClaimedEvent(MANAGEMENT, ORG, true, T0))
                .givenAccount(MEMBER, new AccountMembershipClaimedEvent(MEMBER, ORG, false, T0))
                .givenAccount(SECOND_MEMBER, new AccountMembershipClaimedEvent(SECOND_MEMBER, ORG, false, T0))
                .givenAccount(CREATED_MEMBER, new AccountMembershipClaimedEvent(CREATED_MEMBER, ORG, false, T0))
                .givenOrganization(SMALL_ORG, new OrganizationCreatedEvent(SMALL_PROFILE, T0),
                        new AccountJoinedOrganizationEvent(SMALL_ORG, SMALL_CREATED_MEMBER, "sc@example.com",
                                "Created", JoinedMethod.CREATED, null, List.of(), T0))
                .givenAccount(SMALL_MANAGEMENT, new AccountMembershipClaimedEvent(SMALL_MANAGEMENT, SMALL_ORG, true,
                        T0))
                .givenAccount(SMALL_CREATED_MEMBER, new AccountMembershipClaimedEvent(SMALL_CREATED_MEMBER,
                        SMALL_ORG, false, T0));
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

            fixture.when(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1, expiresAt, RETENTION))
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
                    new DeclineHandshakeCommand(INVITATION, RECIPIENT, "r@example.com", T2));

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
                            new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT), RECIPIENT, null, List.of(), T1,
                            T1.plus(INVITATION_LIFETIME), RETENTION, LIMITS),
                    new AcceptHandshakeCommand(INVITATION, RECIPIENT, "r@example.com", "Recipient", T1,
                            AcceptWhileMember.MOVE));

            fixture.when(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T2, expiresAt, RETENTION))
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
            fixture.givenCommands(enableAllFeatures(T1),
                    new AcceptHandshakeCommand(APPROVAL, MEMBER, "member@example.com", "Member", T1,
                            AcceptWhileMember.MOVE),
                    new AcceptHandshakeCommand(SECOND_APPROVAL, SECOND_MEMBER, "second@example.com", "Second", T1,
                            AcceptWhileMember.MOVE),
                    new AcceptHandshakeCommand(PARENT, MANAGEMENT, "m@example.com", "Management", T1,
                            AcceptWhileMember.MOVE));

            fixture.when(new EnableAllFeaturesCommand(SECOND_PARENT, ORG, MANAGEMENT, T2, T2.plus(MIGRATION_LIFETIME),
                           RETENTION))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_HAS_ALL_FEATURES);
        }

        @Test
        void refusesASecondRequestWhileOneIsPending() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(new EnableAllFeaturesCommand(SECOND_PARENT, ORG, MANAGEMENT, T2, T2.plus(MIGRATION_LIFETIME),
                           RETENTION))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_PENDING);
        }

        @Test
        void refusesASecondRequestWhileTheFirstIsOpenForTheManagementAccount() {
            fixture.givenCommands(new EnableAllFeaturesCommand(PARENT, SMALL_ORG, SMALL_MANAGEMENT, T1,
                    T1.plus(MIGRATION_LIFETIME), RETENTION));

            fixture.when(new EnableAllFeaturesCommand(SECOND_PARENT, SMALL_ORG, SMALL_MANAGEMENT, T2,
                           T2.plus(MIGRATION_LIFETIME), RETENTION))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_PENDING);
        }

        @Test
        void startsAgainOnceThePreviousRequestWasCanceled() {
            fixture.givenCommands(enableAllFeatures(T1), new CancelHandshakeCommand(PARENT, MANAGEMENT, T1));

            fixture.when(new EnableAllFeaturesCommand(SECOND_PARENT, ORG, MANAGEMENT, T2, T2.plus(MIGRATION_LIFETIME),
                           RETENTION))
                   .expectSuccess();
        }

        @Test
        void startsAgainOnceThePreviousRequestExpiredEvenBeforeItsDeadlineFired() {
            Instant expired = T1.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(new EnableAllFeaturesCommand(SECOND_PARENT, ORG, MANAGEMENT, expired,
                           expired.plus(MIGRATION_LIFETIME), RETENTION))
                   .expectSuccess();
        }
    }

    private static AccountJoinedOrganizationEvent joined(OrganizationId organization, AccountId account) {
        return new AccountJoinedOrganizationEvent(organization, account, account.value() + "@example.com", "Member",
                JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()), List.of(), T0);
    }

    private static EnableAllFeaturesCommand enableAllFeatures(Instant at) {
        return enableAllFeaturesAs(MANAGEMENT, at);
    }

    private static EnableAllFeaturesCommand enableAllFeaturesAs(AccountId caller, Instant at) {
        return new EnableAllFeaturesCommand(PARENT, ORG, caller, at, at.plus(MIGRATION_LIFETIME), RETENTION);
    }

    private static InviteAccountToOrganizationCommand invite(HandshakeId id, AccountId recipient, Instant at) {
        return new InviteAccountToOrganizationCommand(id, ORG, MANAGEMENT,
                new HandshakeParty(recipient.value(), PartyType.ACCOUNT), recipient, null, List.of(), at,
                at.plus(INVITATION_LIFETIME), RETENTION, LIMITS);
    }
}
