package org.handshakeledger.projections.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;

@DataJpaTest(showSql = false)
class HandshakeViewProjectionTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Duration INVITE_LIFETIME = Duration.ofDays(15);
    private static final Duration ALL_FEATURES_LIFETIME = Duration.ofDays(90);
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final String ORG_ID = "o-a1b2c3d4e5";
    private static final String OTHER_ORG_ID = "o-f6g7h8i9j0";
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final AccountId MEMBER = new AccountId("333333333333");
    private static final AccountId STRANGER = new AccountId("444444444444");
    private static final AccountId OTHER_MANAGEMENT = new AccountId("555555555555");
    private static final String MANAGEMENT_EMAIL = "management@example.com";
    private static final String MANAGEMENT_NAME = "Management";
    private static final String RECIPIENT_EMAIL = "Recipient@Example.com";
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(new OrganizationId(ORG_ID),
            MANAGEMENT, MANAGEMENT_EMAIL, MANAGEMENT_NAME, FeatureSet.CONSOLIDATED_BILLING);
    private static final OrganizationProfile OTHER_ORGANIZATION = new OrganizationProfile(
            new OrganizationId(OTHER_ORG_ID), OTHER_MANAGEMENT, "other@example.com", "Other",
            FeatureSet.ALL);

    private static final String INVITE_ID = "h-invite000001";
    private static final String PARENT_ID = "h-parent000001";
    private static final String APPROVAL_ID = "h-approval000001";
    private static final String OTHER_INVITE_ID = "h-invite000002";
    private static final Instant INVITE_EXPIRES_AT = T0.plus(INVITE_LIFETIME);
    private static final Instant PARENT_EXPIRES_AT = T0.plus(ALL_FEATURES_LIFETIME);
    /** The view ignores the deadline ids the events record. */
    private static final String EXPIRY_SCHEDULE_ID = "expiry-schedule-1";
    private static final String RETENTION_SCHEDULE_ID = "retention-schedule-1";

    @Autowired
    private HandshakeViewRepository repository;
    @Autowired
    private TestEntityManager entityManager;

    private HandshakeViewProjection projection;

    @BeforeEach
    void setUp() {
        projection = new HandshakeViewProjection(repository);
    }

    @Nested
    class Invitations {
        @Test
        void invitationOfAnAccountHasTheDocumentedShape() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);

            // when
            Optional<HandshakeView> view = describeAsManagement(INVITE_ID, T1);

            // then
            assertThat(view).contains(new HandshakeView(INVITE_ID,
                    "arn:aws:organizations::111111111111:handshake/o-a1b2c3d4e5/invite/h-invite000001",
                    HandshakeAction.INVITE, HandshakeState.OPEN,
                    List.of(new HandshakeParty(ORG_ID, PartyType.ORGANIZATION),
                            new HandshakeParty("222222222222", PartyType.ACCOUNT)),
                    List.of(organizationResource(),
                            HandshakeResource.of(HandshakeResourceType.ACCOUNT, "222222222222")),
                    T0, INVITE_EXPIRES_AT));
        }

        @Test
        void invitationOfAnEmailKeepsTheAddressAsGivenAndEndsWithItsNotes() {
            // given
            projection.on(invitation(INVITE_ID, emailTarget(RECIPIENT_EMAIL), null, "hi", T0), 0);

            // when
            HandshakeView view = describeAsManagement(INVITE_ID, T1).orElseThrow();

            // then
            assertThat(view.parties()).containsExactly(new HandshakeParty(ORG_ID, PartyType.ORGANIZATION),
                    new HandshakeParty(RECIPIENT_EMAIL, PartyType.EMAIL));
            assertThat(view.resources()).containsExactly(organizationResource(),
                    HandshakeResource.of(HandshakeResourceType.EMAIL, RECIPIENT_EMAIL),
                    HandshakeResource.of(HandshakeResourceType.NOTES, "hi"));
        }

        @Test
        void emptyNotesAddNoNotesResource() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, "", T0), 0);

            // when
            HandshakeView view = describeAsManagement(INVITE_ID, T1).orElseThrow();

            // then
            assertThat(view.resources()).extracting(HandshakeResource::type)
                    .containsExactly(HandshakeResourceType.ORGANIZATION, HandshakeResourceType.ACCOUNT);
        }

        @Test
        void organizationResourceShowsTheFeatureSetTheInvitationWasSentWith() {
            // given
            projection.on(new AccountInvitedEvent(new HandshakeId(INVITE_ID), OTHER_ORGANIZATION,
                    accountTarget(RECIPIENT), RECIPIENT, null, List.of(), OTHER_MANAGEMENT, T0, INVITE_EXPIRES_AT,
                    RETENTION, EXPIRY_SCHEDULE_ID), 0);

            // when
            HandshakeView view = describe(INVITE_ID, OTHER_MANAGEMENT.value(), null, OTHER_ORG_ID, T1).orElseThrow();

            // then
            assertThat(view.arn())
                    .isEqualTo("arn:aws:organizations::555555555555:handshake/o-f6g7h8i9j0/invite/h-invite000001");
            assertThat(view.resources().get(0)).isEqualTo(new HandshakeResource(HandshakeResourceType.ORGANIZATION,
                    OTHER_ORG_ID, List.of(
                            HandshakeResource.of(HandshakeResourceType.MASTER_EMAIL, "other@example.com"),
                            HandshakeResource.of(HandshakeResourceType.MASTER_NAME, "Other"),
                            HandshakeResource.of(HandshakeResourceType.ORGANIZATION_FEATURE_SET, "ALL"))));
        }
    }

    @Nested
    class AllFeatures {
        @Test
        void parentIsAnOrganizationOnlyHandshakeWaitingForApprovals() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);

            // when
            Optional<HandshakeView> view = describeAsManagement(PARENT_ID, T1);

            // then
            assertThat(view).contains(new HandshakeView(PARENT_ID,
                    "arn:aws:organizations::111111111111:handshake/o-a1b2c3d4e5/enable_all_features/h-parent000001",
                    HandshakeAction.ENABLE_ALL_FEATURES, HandshakeState.REQUESTED,
                    List.of(new HandshakeParty(ORG_ID, PartyType.ORGANIZATION)),
                    List.of(HandshakeResource.of(HandshakeResourceType.ORGANIZATION, ORG_ID)),
                    T0, PARENT_EXPIRES_AT));
        }

        @Test
        void parentWithoutInvitedMembersIsOpenAtOnce() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.OPEN), 0);

            // when
            HandshakeView view = describeAsManagement(PARENT_ID, T1).orElseThrow();

            // then
            assertThat(view.state()).isEqualTo(HandshakeState.OPEN);
        }

        @Test
        void approvalNamesItsParentTheOrganizationAndTheMember() {
            // given
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);

            // when
            Optional<HandshakeView> view = describe(APPROVAL_ID, MEMBER.value(), null, ORG_ID, T1);

            // then
            assertThat(view).contains(new HandshakeView(APPROVAL_ID,
                    "arn:aws:organizations::111111111111:handshake/o-a1b2c3d4e5/approve_all_features/"
                            + "h-approval000001",
                    HandshakeAction.APPROVE_ALL_FEATURES, HandshakeState.OPEN,
                    List.of(new HandshakeParty(ORG_ID, PartyType.ORGANIZATION),
                            new HandshakeParty("333333333333", PartyType.ACCOUNT)),
                    List.of(HandshakeResource.of(HandshakeResourceType.PARENT_HANDSHAKE, PARENT_ID),
                            HandshakeResource.of(HandshakeResourceType.ORGANIZATION, ORG_ID),
                            HandshakeResource.of(HandshakeResourceType.ACCOUNT, "333333333333")),
                    T0, PARENT_EXPIRES_AT));
        }

        @Test
        void parentOpensOnceEveryMemberApprovedAndCanThenBeAccepted() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);
            projection.on(accepted(APPROVAL_ID, MEMBER, T1), 1);

            // when
            projection.on(new HandshakeOpenedEvent(new HandshakeId(PARENT_ID), T1), 1);
            HandshakeState opened = describeAsManagement(PARENT_ID, T1).orElseThrow().state();
            projection.on(accepted(PARENT_ID, MANAGEMENT, T1.plusSeconds(60)), 2);

            // then
            assertThat(opened).isEqualTo(HandshakeState.OPEN);
            assertThat(describeAsManagement(APPROVAL_ID, T1.plusSeconds(60)).orElseThrow().state())
                    .isEqualTo(HandshakeState.ACCEPTED);
            assertThat(describeAsManagement(PARENT_ID, T1.plusSeconds(60)).orElseThrow().state())
                    .isEqualTo(HandshakeState.ACCEPTED);
        }
    }

    @Nested
    class StateChanges {
        @BeforeEach
        void invited() {
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
        }

        @Test
        void acceptedInvitationReadsAccepted() {
            // when
            projection.on(accepted(INVITE_ID, RECIPIENT, T1), 1);

            // then
            assertThat(describeAsManagement(INVITE_ID, T1).orElseThrow().state())
                    .isEqualTo(HandshakeState.ACCEPTED);
        }

        @Test
        void declinedInvitationReadsDeclined() {
            // when
            projection.on(declined(INVITE_ID, RECIPIENT, T1), 1);

            // then
            assertThat(describeAsManagement(INVITE_ID, T1).orElseThrow().state())
                    .isEqualTo(HandshakeState.DECLINED);
        }

        @Test
        void canceledInvitationReadsCanceled() {
            // when
            projection.on(canceled(INVITE_ID, T1), 1);

            // then
            assertThat(describeAsManagement(INVITE_ID, T1).orElseThrow().state())
                    .isEqualTo(HandshakeState.CANCELED);
        }

        @Test
        void expiredInvitationReadsExpired() {
            // when
            projection.on(expired(INVITE_ID, INVITE_EXPIRES_AT), 1);

            // then
            assertThat(describeAsManagement(INVITE_ID, INVITE_EXPIRES_AT).orElseThrow().state())
                    .isEqualTo(HandshakeState.EXPIRED);
        }

        @Test
        void settlingKeepsTheOriginalTimestamps() {
            // when
            projection.on(accepted(INVITE_ID, RECIPIENT, T1), 1);

            // then
            HandshakeView view = describeAsManagement(INVITE_ID, T1).orElseThrow();
            assertThat(view.requestedAt()).isEqualTo(T0);
            assertThat(view.expiresAt()).isEqualTo(INVITE_EXPIRES_AT);
        }

        @Test
        void settledInvitationIsNotReportedExpiredAfterItsExpirationTime() {
            // given
            projection.on(accepted(INVITE_ID, RECIPIENT, T1), 1);

            // when
            HandshakeView view = describeAsManagement(INVITE_ID, INVITE_EXPIRES_AT.plusSeconds(1)).orElseThrow();

            // then
            assertThat(view.state()).isEqualTo(HandshakeState.ACCEPTED);
        }
    }

    @Nested
    class Replays {
        @Test
        void replayedCreationDoesNotReopenASettledInvitation() {
            // given
            AccountInvitedEvent invited = invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0);
            projection.on(invited, 0);
            projection.on(declined(INVITE_ID, RECIPIENT, T1), 1);

            // when
            projection.on(invited, 0);

            // then
            assertThat(describeAsManagement(INVITE_ID, T1).orElseThrow().state())
                    .isEqualTo(HandshakeState.DECLINED);
        }

        @Test
        void eventAtASequenceTheRowHasAlreadySeenChangesNothing() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(canceled(INVITE_ID, T1), 1);
            HandshakeViewEntity before = readRow(INVITE_ID);

            // when
            projection.on(accepted(INVITE_ID, RECIPIENT, T1.plusSeconds(5)), 1);
            projection.on(declined(INVITE_ID, RECIPIENT, T1.plusSeconds(9)), 0);

            // then
            HandshakeViewEntity after = readRow(INVITE_ID);
            assertThat(after.getState()).isEqualTo(HandshakeState.CANCELED);
            assertThat(after.getVisibleUntil()).isEqualTo(before.getVisibleUntil()).isEqualTo(T1.plus(RETENTION));
            assertThat(after.getLastSequence()).isEqualTo(1);
        }

        @Test
        void redeliveredStateChangeKeepsTheFirstSettlementTime() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            HandshakeAcceptedEvent accepted = accepted(INVITE_ID, RECIPIENT, T1);
            projection.on(accepted, 1);

            // when
            projection.on(accepted, 1);

            // then
            assertThat(describeAsManagement(INVITE_ID, T1.plus(RETENTION).minusMillis(1))).isPresent();
            assertThat(describeAsManagement(INVITE_ID, T1.plus(RETENTION))).isEmpty();
        }
    }

    @Nested
    class LazyExpiry {
        @Test
        void openInvitationReadsOpenOneMillisecondBeforeItsExpirationTime() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);

            // when
            HandshakeView view = describeAsManagement(INVITE_ID, INVITE_EXPIRES_AT.minusMillis(1)).orElseThrow();

            // then
            assertThat(view.state()).isEqualTo(HandshakeState.OPEN);
        }

        @Test
        void openInvitationReadsExpiredFromItsExpirationTimeWithoutAnyEvent() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);

            // when
            HandshakeView described = describeAsManagement(INVITE_ID, INVITE_EXPIRES_AT).orElseThrow();
            HandshakePage listed = listForOrganization(HandshakeFilter.NONE, PageRequest.first(20),
                    INVITE_EXPIRES_AT);
            HandshakePage received = listForAccount(RECIPIENT.value(), null, false, HandshakeFilter.NONE,
                    PageRequest.first(20), INVITE_EXPIRES_AT);

            // then
            assertThat(described.state()).isEqualTo(HandshakeState.EXPIRED);
            assertThat(described.expiresAt()).isEqualTo(INVITE_EXPIRES_AT);
            assertThat(listed.handshakes()).extracting(HandshakeView::state).containsExactly(HandshakeState.EXPIRED);
            assertThat(received.handshakes()).extracting(HandshakeView::state)
                    .containsExactly(HandshakeState.EXPIRED);
        }

        @Test
        void requestedParentReadsExpiredFromItsExpirationTime() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);

            // when
            HandshakeState before = describeAsManagement(PARENT_ID, PARENT_EXPIRES_AT.minusMillis(1))
                    .orElseThrow().state();
            HandshakeState at = describeAsManagement(PARENT_ID, PARENT_EXPIRES_AT).orElseThrow().state();

            // then
            assertThat(before).isEqualTo(HandshakeState.REQUESTED);
            assertThat(at).isEqualTo(HandshakeState.EXPIRED);
        }
    }

    @Nested
    class Retention {
        @Test
        void settledInvitationIsVisibleUntilRetentionAfterItSettled() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(canceled(INVITE_ID, T1), 1);
            Instant lastVisible = T1.plus(RETENTION).minusMillis(1);

            // when
            Optional<HandshakeView> described = describeAsManagement(INVITE_ID, lastVisible);
            HandshakePage listed = listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), lastVisible);
            HandshakePage received = listForAccount(RECIPIENT.value(), null, false, HandshakeFilter.NONE,
                    PageRequest.first(20), lastVisible);

            // then
            assertThat(described).map(HandshakeView::state).contains(HandshakeState.CANCELED);
            assertThat(listed.handshakes()).extracting(HandshakeView::id).containsExactly(INVITE_ID);
            assertThat(received.handshakes()).extracting(HandshakeView::id).containsExactly(INVITE_ID);
        }

        @Test
        void settledInvitationIsGoneOnceRetentionAfterItSettledHasPassed() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(canceled(INVITE_ID, T1), 1);
            Instant deleted = T1.plus(RETENTION);

            // when
            Optional<HandshakeView> described = describeAsManagement(INVITE_ID, deleted);
            HandshakePage listed = listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), deleted);
            HandshakePage received = listForAccount(RECIPIENT.value(), null, false, HandshakeFilter.NONE,
                    PageRequest.first(20), deleted);

            // then
            assertThat(described).isEmpty();
            assertThat(listed.handshakes()).isEmpty();
            assertThat(received.handshakes()).isEmpty();
        }

        @Test
        void unansweredInvitationIsVisibleUntilRetentionAfterItExpired() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            Instant lastVisible = INVITE_EXPIRES_AT.plus(RETENTION).minusMillis(1);

            // when
            Optional<HandshakeView> described = describeAsManagement(INVITE_ID, lastVisible);
            HandshakePage listed = listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), lastVisible);
            HandshakePage received = listForAccount(RECIPIENT.value(), null, false, HandshakeFilter.NONE,
                    PageRequest.first(20), lastVisible);

            // then
            assertThat(described).map(HandshakeView::state).contains(HandshakeState.EXPIRED);
            assertThat(listed.handshakes()).extracting(HandshakeView::id).containsExactly(INVITE_ID);
            assertThat(received.handshakes()).extracting(HandshakeView::id).containsExactly(INVITE_ID);
        }

        @Test
        void unansweredInvitationIsGoneOnceRetentionAfterItExpiredHasPassed() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            Instant deleted = INVITE_EXPIRES_AT.plus(RETENTION);

            // when
            Optional<HandshakeView> described = describeAsManagement(INVITE_ID, deleted);
            HandshakePage listed = listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), deleted);
            HandshakePage received = listForAccount(RECIPIENT.value(), null, false, HandshakeFilter.NONE,
                    PageRequest.first(20), deleted);

            // then
            assertThat(described).isEmpty();
            assertThat(listed.handshakes()).isEmpty();
            assertThat(received.handshakes()).isEmpty();
        }

        @Test
        void expiryRecordedByTheDeadlineKeepsTheSameRetentionWindow() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(expired(INVITE_ID, INVITE_EXPIRES_AT), 1);

            // when
            Optional<HandshakeView> lastVisible = describeAsManagement(INVITE_ID,
                    INVITE_EXPIRES_AT.plus(RETENTION).minusMillis(1));
            Optional<HandshakeView> deleted = describeAsManagement(INVITE_ID, INVITE_EXPIRES_AT.plus(RETENTION));

            // then
            assertThat(lastVisible).map(HandshakeView::state).contains(HandshakeState.EXPIRED);
            assertThat(deleted).isEmpty();
        }
    }

    @Nested
    class Deletion {
        @Test
        void deletedHandshakeIsGoneFromDescribeAndBothLists() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(invitation(OTHER_INVITE_ID, accountTarget(MEMBER), MEMBER, null, T0), 0);
            projection.on(declined(INVITE_ID, RECIPIENT, T1), 1);

            // when
            projection.on(deleted(INVITE_ID, T1.plus(RETENTION)));

            // then: asked while its retention window would still show it, so only the deletion hides it
            Instant stillRetained = T1.plusSeconds(60);
            assertThat(describeAsManagement(INVITE_ID, stillRetained)).isEmpty();
            assertThat(describe(INVITE_ID, RECIPIENT.value(), null, null, stillRetained)).isEmpty();
            assertThat(listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), stillRetained).handshakes())
                    .extracting(HandshakeView::id).containsExactly(OTHER_INVITE_ID);
            assertThat(listForAccount(RECIPIENT.value(), null, false, HandshakeFilter.NONE, PageRequest.first(20),
                    stillRetained).handshakes()).isEmpty();
            assertThat(repository.existsById(INVITE_ID)).isFalse();
        }

        @Test
        void replayedDeletionOfAMissingRowChangesNothing() {
            // given
            projection.on(invitation(OTHER_INVITE_ID, accountTarget(MEMBER), MEMBER, null, T0), 0);
            projection.on(deleted(INVITE_ID, T1.plus(RETENTION)));
            flushAndClear();

            // when
            projection.on(deleted(INVITE_ID, T1.plus(RETENTION)));
            projection.on(deleted("h-neverseen01", T1.plus(RETENTION)));

            // then
            flushAndClear();
            assertThat(repository.findAll()).extracting(HandshakeViewEntity::getId).containsExactly(OTHER_INVITE_ID);
            assertThat(describeAsManagement(OTHER_INVITE_ID, T1)).map(HandshakeView::state)
                    .contains(HandshakeState.OPEN);
        }

        @Test
        void replayAfterAResetEndsWithTheRowDeletedAgain() {
            // given
            AccountInvitedEvent invited = invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0);
            HandshakeExpiredEvent expired = expired(INVITE_ID, INVITE_EXPIRES_AT);
            HandshakeDeletedEvent deleted = deleted(INVITE_ID, INVITE_EXPIRES_AT.plus(RETENTION));
            projection.on(invited, 0);
            projection.on(expired, 1);
            projection.on(deleted);
            projection.reset();
            flushAndClear();

            // when
            projection.on(invited, 0);
            projection.on(expired, 1);
            projection.on(deleted);

            // then
            assertThat(describeAsManagement(INVITE_ID, INVITE_EXPIRES_AT)).isEmpty();
            assertThat(repository.count()).isZero();
        }
    }

    @Nested
    class Describe {
        @Test
        void managementOfTheOriginatingOrganizationSeesItsInvitation() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);

            // when
            Optional<HandshakeView> view = describe(INVITE_ID, MANAGEMENT.value(), MANAGEMENT_EMAIL, ORG_ID, T1);

            // then
            assertThat(view).isPresent();
        }

        @Test
        void anyMemberOfTheOriginatingOrganizationSeesItsInvitation() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);

            // when
            Optional<HandshakeView> view = describe(INVITE_ID, MEMBER.value(), "member@example.com", ORG_ID, T1);

            // then
            assertThat(view).isPresent();
        }

        @Test
        void standaloneRecipientSeesTheInvitationAddressedToItsAccountId() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);

            // when
            Optional<HandshakeView> view = describe(INVITE_ID, RECIPIENT.value(), "someone@example.com", null, T1);

            // then
            assertThat(view).isPresent();
        }

        @Test
        void recipientSeesTheInvitationAddressedToItsEmailWhateverTheCase() {
            // given
            projection.on(invitation(INVITE_ID, emailTarget(RECIPIENT_EMAIL), null, null, T0), 0);

            // when
            Optional<HandshakeView> view = describe(INVITE_ID, RECIPIENT.value(), "RECIPIENT@example.COM", null, T1);

            // then
            assertThat(view).map(HandshakeView::parties).hasValueSatisfying(parties -> assertThat(parties)
                    .contains(new HandshakeParty(RECIPIENT_EMAIL, PartyType.EMAIL)));
        }

        @Test
        void unrelatedAccountDoesNotSeeTheInvitation() {
            // given
            projection.on(invitation(INVITE_ID, emailTarget(RECIPIENT_EMAIL), null, null, T0), 0);

            // when
            Optional<HandshakeView> standalone = describe(INVITE_ID, STRANGER.value(), "stranger@example.com", null,
                    T1);
            Optional<HandshakeView> withoutEmail = describe(INVITE_ID, STRANGER.value(), null, null, T1);
            Optional<HandshakeView> otherOrganization = describe(INVITE_ID, OTHER_MANAGEMENT.value(),
                    "other@example.com", OTHER_ORG_ID, T1);

            // then
            assertThat(standalone).isEmpty();
            assertThat(withoutEmail).isEmpty();
            assertThat(otherOrganization).isEmpty();
        }

        @Test
        void approvalIsSeenByItsMemberAndTheOrganizationButNotByStrangers() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);

            // when
            Optional<HandshakeView> byMember = describe(APPROVAL_ID, MEMBER.value(), null, ORG_ID, T1);
            Optional<HandshakeView> parentByMember = describe(PARENT_ID, MEMBER.value(), null, ORG_ID, T1);
            Optional<HandshakeView> byStranger = describe(APPROVAL_ID, STRANGER.value(), null, OTHER_ORG_ID, T1);

            // then
            assertThat(byMember).isPresent();
            assertThat(parentByMember).isPresent();
            assertThat(byStranger).isEmpty();
        }

        @Test
        void unknownHandshakeIsEmpty() {
            // when
            Optional<HandshakeView> view = describeAsManagement("h-0000000000000000", T1);

            // then
            assertThat(view).isEmpty();
        }
    }

    @Nested
    class ListHandshakesForAccount {
        @Test
        void listsWhatTheCallerReceivedByAccountIdOrByEmail() {
            // given
            projection.on(invitation("h-byaccount01", accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(invitation("h-byemail0001", emailTarget(RECIPIENT_EMAIL), null, null, T0.plusSeconds(1)),
                    0);
            projection.on(invitation("h-forstranger1", accountTarget(STRANGER), STRANGER, null, T0.plusSeconds(2)),
                    0);

            // when
            HandshakePage page = listForAccount(RECIPIENT.value(), "recipient@EXAMPLE.com", false,
                    HandshakeFilter.NONE, PageRequest.first(20), T1);

            // then
            assertThat(page.handshakes()).extracting(HandshakeView::id).containsExactly("h-byemail0001",
                    "h-byaccount01");
            assertThat(page.more()).isFalse();
        }

        @Test
        void pagesThroughInvitationsByAccountIdAndByEmailInOneOrderListingEachOnce() {
            // given: invitations by account id and by email in turn, one of them matching both
            for (int i = 0; i < 6; i++) {
                String id = "h-mixed00000" + i;
                Instant at = T0.plusSeconds(i);
                projection.on(i % 2 == 0
                        ? invitation(id, accountTarget(RECIPIENT), RECIPIENT, null, at)
                        : invitation(id, emailTarget(RECIPIENT_EMAIL), i == 5 ? RECIPIENT : null, null, at), 0);
            }

            // when: pages of two, each continuing after the last one seen
            HandshakePage first = listForAccount(RECIPIENT.value(), RECIPIENT_EMAIL, false, HandshakeFilter.NONE,
                    PageRequest.first(2), T1);
            HandshakeView last = first.handshakes().get(1);
            HandshakePage second = listForAccount(RECIPIENT.value(), RECIPIENT_EMAIL, false, HandshakeFilter.NONE,
                    new PageRequest(last.requestedAt(), last.id(), 2), T1);
            last = second.handshakes().get(1);
            HandshakePage third = listForAccount(RECIPIENT.value(), RECIPIENT_EMAIL, false, HandshakeFilter.NONE,
                    new PageRequest(last.requestedAt(), last.id(), 2), T1);

            // then: newest first across both kinds, the one matching both listed once
            assertThat(first.handshakes()).extracting(HandshakeView::id)
                    .containsExactly("h-mixed000005", "h-mixed000004");
            assertThat(second.handshakes()).extracting(HandshakeView::id)
                    .containsExactly("h-mixed000003", "h-mixed000002");
            assertThat(third.handshakes()).extracting(HandshakeView::id)
                    .containsExactly("h-mixed000001", "h-mixed000000");
            assertThat(first.more()).isTrue();
            assertThat(second.more()).isTrue();
            assertThat(third.more()).isFalse();
        }

        @Test
        void hidesInvitationsFromAManagementAccount() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(OTHER_MANAGEMENT), OTHER_MANAGEMENT, null, T0), 0);

            // when
            HandshakePage asManagement = listForAccount(OTHER_MANAGEMENT.value(), "other@example.com", true,
                    HandshakeFilter.NONE, PageRequest.first(20), T1);
            HandshakePage asStandalone = listForAccount(OTHER_MANAGEMENT.value(), "other@example.com", false,
                    HandshakeFilter.NONE, PageRequest.first(20), T1);

            // then
            assertThat(asManagement.handshakes()).isEmpty();
            assertThat(asStandalone.handshakes()).extracting(HandshakeView::id).containsExactly(INVITE_ID);
        }

        @Test
        void memberSeesItsApprovalAndManagementNothingOfTheAllFeaturesFlow() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);

            // when
            HandshakePage member = listForAccount(MEMBER.value(), null, false, HandshakeFilter.NONE,
                    PageRequest.first(20), T1);
            HandshakePage management = listForAccount(MANAGEMENT.value(), MANAGEMENT_EMAIL, true,
                    HandshakeFilter.NONE, PageRequest.first(20), T1);

            // then
            assertThat(member.handshakes()).extracting(HandshakeView::id).containsExactly(APPROVAL_ID);
            assertThat(management.handshakes()).isEmpty();
        }

        @Test
        void filtersWhatTheCallerReceivedByActionAndByParent() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);
            projection.on(new AccountInvitedEvent(new HandshakeId(INVITE_ID), OTHER_ORGANIZATION,
                    accountTarget(MEMBER), MEMBER, null, List.of(), OTHER_MANAGEMENT, T0.plusSeconds(1),
                    INVITE_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID), 0);

            // when
            HandshakePage approvals = listForAccount(MEMBER.value(), null, false,
                    new HandshakeFilter(HandshakeAction.APPROVE_ALL_FEATURES, null), PageRequest.first(20), T1);
            HandshakePage invitations = listForAccount(MEMBER.value(), null, false,
                    new HandshakeFilter(HandshakeAction.INVITE, null), PageRequest.first(20), T1);
            HandshakePage children = listForAccount(MEMBER.value(), null, false,
                    new HandshakeFilter(null, PARENT_ID), PageRequest.first(20), T1);

            // then
            assertThat(approvals.handshakes()).extracting(HandshakeView::id).containsExactly(APPROVAL_ID);
            assertThat(invitations.handshakes()).extracting(HandshakeView::id).containsExactly(INVITE_ID);
            assertThat(children.handshakes()).extracting(HandshakeView::id).containsExactly(APPROVAL_ID);
        }

        @Test
        void pagesThroughWhatTheCallerReceivedNewestFirst() {
            // given
            projection.on(invitation("h-received01", accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(new AccountInvitedEvent(new HandshakeId("h-received02"), OTHER_ORGANIZATION,
                    accountTarget(RECIPIENT), RECIPIENT, null, List.of(), OTHER_MANAGEMENT, T0.plusSeconds(10),
                    INVITE_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID), 0);
            projection.on(invitation("h-received03", emailTarget(RECIPIENT_EMAIL), null, null, T0.plusSeconds(20)),
                    0);

            // when
            HandshakePage first = listForAccount(RECIPIENT.value(), RECIPIENT_EMAIL, false, HandshakeFilter.NONE,
                    PageRequest.first(2), T1);
            HandshakeView last = first.handshakes().get(1);
            HandshakePage second = listForAccount(RECIPIENT.value(), RECIPIENT_EMAIL, false, HandshakeFilter.NONE,
                    new PageRequest(last.requestedAt(), last.id(), 2), T1);

            // then
            assertThat(first.handshakes()).extracting(HandshakeView::id).containsExactly("h-received03",
                    "h-received02");
            assertThat(first.more()).isTrue();
            assertThat(second.handshakes()).extracting(HandshakeView::id).containsExactly("h-received01");
            assertThat(second.more()).isFalse();
        }
    }

    @Nested
    class ListHandshakesForOrganization {
        @BeforeEach
        void fiveInvitationsTwoOfThemSentAtTheSameMoment() {
            Instant sameMoment = T0.plus(Duration.ofHours(2));
            projection.on(invitation("h-page000004", accountTarget(account(4)), account(4), null,
                    T0.plus(Duration.ofHours(1))), 0);
            projection.on(invitation("h-page000002", accountTarget(account(2)), account(2), null, sameMoment), 0);
            projection.on(invitation("h-page000005", accountTarget(account(5)), account(5), null, T0), 0);
            projection.on(invitation("h-page000003", accountTarget(account(3)), account(3), null,
                    T0.plus(Duration.ofHours(3))), 0);
            projection.on(invitation("h-page000001", accountTarget(account(1)), account(1), null, sameMoment), 0);
            projection.on(new AccountInvitedEvent(new HandshakeId("h-otherorg001"), OTHER_ORGANIZATION,
                    accountTarget(RECIPIENT), RECIPIENT, null, List.of(), OTHER_MANAGEMENT, T0, INVITE_EXPIRES_AT,
                    RETENTION, EXPIRY_SCHEDULE_ID), 0);
        }

        @Test
        void listsNewestFirstBreakingTiesByIdAscending() {
            // when
            HandshakePage page = listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), T1);

            // then
            assertThat(page.handshakes()).extracting(HandshakeView::id).containsExactly("h-page000003",
                    "h-page000001", "h-page000002", "h-page000004", "h-page000005");
            assertThat(page.more()).isFalse();
        }

        @Test
        void keysetPagesContinueInsideATieWithoutRepeatingOrSkipping() {
            // when
            HandshakePage first = listForOrganization(HandshakeFilter.NONE, PageRequest.first(2), T1);
            HandshakePage second = listForOrganization(HandshakeFilter.NONE, after(first, 2), T1);
            HandshakePage third = listForOrganization(HandshakeFilter.NONE, after(second, 2), T1);

            // then
            assertThat(first.handshakes()).extracting(HandshakeView::id).containsExactly("h-page000003",
                    "h-page000001");
            assertThat(first.more()).isTrue();
            assertThat(second.handshakes()).extracting(HandshakeView::id).containsExactly("h-page000002",
                    "h-page000004");
            assertThat(second.more()).isTrue();
            assertThat(third.handshakes()).extracting(HandshakeView::id).containsExactly("h-page000005");
            assertThat(third.more()).isFalse();
        }

        @Test
        void pageThatHoldsExactlyTheRestSaysThereIsNoMore() {
            // when
            HandshakePage all = listForOrganization(HandshakeFilter.NONE, PageRequest.first(5), T1);
            HandshakePage allButOne = listForOrganization(HandshakeFilter.NONE, PageRequest.first(4), T1);

            // then
            assertThat(all.handshakes()).hasSize(5);
            assertThat(all.more()).isFalse();
            assertThat(allButOne.handshakes()).hasSize(4);
            assertThat(allButOne.more()).isTrue();
        }

        @Test
        void filtersByAction() {
            // given
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);

            // when
            HandshakePage invitations = listForOrganization(new HandshakeFilter(HandshakeAction.INVITE, null),
                    PageRequest.first(20), T1);
            HandshakePage parents = listForOrganization(
                    new HandshakeFilter(HandshakeAction.ENABLE_ALL_FEATURES, null), PageRequest.first(20), T1);
            HandshakePage approvals = listForOrganization(
                    new HandshakeFilter(HandshakeAction.APPROVE_ALL_FEATURES, null), PageRequest.first(20), T1);
            HandshakePage transfers = listForOrganization(
                    new HandshakeFilter(HandshakeAction.TRANSFER_RESPONSIBILITY, null), PageRequest.first(20), T1);

            // then
            assertThat(invitations.handshakes()).extracting(HandshakeView::id).containsExactly("h-page000003",
                    "h-page000001", "h-page000002", "h-page000004", "h-page000005");
            assertThat(parents.handshakes()).extracting(HandshakeView::id).containsExactly(PARENT_ID);
            assertThat(approvals.handshakes()).extracting(HandshakeView::id).containsExactly(APPROVAL_ID);
            assertThat(transfers.handshakes()).isEmpty();
        }

        @Test
        void filtersByParentToTheChildrenOfThatParentOnly() {
            // given
            String olderParent = "h-parent000000";
            String olderApproval = "h-approval000000";
            projection.on(allFeaturesRequested(olderParent, HandshakeState.REQUESTED, olderApproval), 0);
            projection.on(approvalRequested(olderApproval, olderParent, MEMBER), 0);
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);
            projection.on(approvalRequested(APPROVAL_ID, PARENT_ID, MEMBER), 0);

            // when
            HandshakePage children = listForOrganization(new HandshakeFilter(null, PARENT_ID),
                    PageRequest.first(20), T1);
            HandshakePage unknownParent = listForOrganization(new HandshakeFilter(null, "h-unknown00000"),
                    PageRequest.first(20), T1);

            // then
            assertThat(children.handshakes()).extracting(HandshakeView::id).containsExactly(APPROVAL_ID);
            assertThat(unknownParent.handshakes()).isEmpty();
            assertThat(unknownParent.more()).isFalse();
        }

        @Test
        void otherOrganizationSeesOnlyWhatItSent() {
            // when
            HandshakePage page = listForOrganization(OTHER_ORG_ID, HandshakeFilter.NONE, PageRequest.first(20), T1);

            // then
            assertThat(page.handshakes()).extracting(HandshakeView::id).containsExactly("h-otherorg001");
        }
    }

    @Nested
    class Reset {
        @Test
        void resetEmptiesTheView() {
            // given
            projection.on(invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0), 0);
            projection.on(allFeaturesRequested(PARENT_ID, HandshakeState.REQUESTED, APPROVAL_ID), 0);

            // when
            projection.reset();

            // then
            assertThat(repository.count()).isZero();
            assertThat(describeAsManagement(INVITE_ID, T1)).isEmpty();
            assertThat(listForOrganization(HandshakeFilter.NONE, PageRequest.first(20), T1).handshakes()).isEmpty();
        }

        @Test
        void eventsReplayedAfterAResetRebuildTheView() {
            // given
            AccountInvitedEvent invited = invitation(INVITE_ID, accountTarget(RECIPIENT), RECIPIENT, null, T0);
            HandshakeAcceptedEvent accepted = accepted(INVITE_ID, RECIPIENT, T1);
            projection.on(invited, 0);
            projection.on(accepted, 1);
            projection.reset();
            flushAndClear();

            // when
            projection.on(invited, 0);
            projection.on(accepted, 1);

            // then
            assertThat(describeAsManagement(INVITE_ID, T1).orElseThrow().state())
                    .isEqualTo(HandshakeState.ACCEPTED);
        }
    }

    private Optional<HandshakeView> describeAsManagement(String id, Instant now) {
        return describe(id, MANAGEMENT.value(), MANAGEMENT_EMAIL, ORG_ID, now);
    }

    private Optional<HandshakeView> describe(String id, String callerAccountId, String callerEmail,
                                             String callerOrganizationId, Instant now) {
        flushAndClear();
        return projection.handle(new GetHandshakeQuery(id, callerAccountId, callerEmail, callerOrganizationId, now));
    }

    private HandshakePage listForOrganization(HandshakeFilter filter, PageRequest page, Instant now) {
        return listForOrganization(ORG_ID, filter, page, now);
    }

    private HandshakePage listForOrganization(String organizationId, HandshakeFilter filter, PageRequest page,
                                              Instant now) {
        flushAndClear();
        return projection.handle(new ListHandshakesForOrganizationQuery(organizationId, filter, page, now));
    }

    private HandshakePage listForAccount(String callerAccountId, String callerEmail, boolean callerIsManagement,
                                         HandshakeFilter filter, PageRequest page, Instant now) {
        flushAndClear();
        return projection.handle(new ListHandshakesForAccountQuery(callerAccountId, callerEmail, callerIsManagement,
                filter, page, now));
    }

    private HandshakeViewEntity readRow(String id) {
        flushAndClear();
        return repository.findById(id).orElseThrow();
    }

    /** Every read goes to the database, not to the rows the handlers still hold in the persistence context. */
    private void flushAndClear() {
        entityManager.flush();
        entityManager.clear();
    }

    private static PageRequest after(HandshakePage page, int size) {
        HandshakeView last = page.handshakes().get(page.handshakes().size() - 1);
        return new PageRequest(last.requestedAt(), last.id(), size);
    }

    private static AccountInvitedEvent invitation(String id, HandshakeParty target, AccountId recipient, String notes,
                                                  Instant requestedAt) {
        return new AccountInvitedEvent(new HandshakeId(id), ORGANIZATION, target, recipient, notes, List.of(),
                MANAGEMENT, requestedAt, requestedAt.plus(INVITE_LIFETIME), RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static AllFeaturesRequestedEvent allFeaturesRequested(String id, HandshakeState initialState,
                                                                  String... approvals) {
        return new AllFeaturesRequestedEvent(new HandshakeId(id), ORGANIZATION,
                Arrays.stream(approvals).map(HandshakeId::new).toList(), initialState, MANAGEMENT, T0,
                PARENT_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static AllFeaturesApprovalRequestedEvent approvalRequested(String id, String parentId, AccountId member) {
        return new AllFeaturesApprovalRequestedEvent(new HandshakeId(id), new HandshakeId(parentId), ORGANIZATION,
                member, T0, PARENT_EXPIRES_AT, RETENTION, EXPIRY_SCHEDULE_ID);
    }

    private static HandshakeAcceptedEvent accepted(String id, AccountId by, Instant at) {
        return new HandshakeAcceptedEvent(new HandshakeId(id), by, at, RETENTION_SCHEDULE_ID);
    }

    private static HandshakeDeclinedEvent declined(String id, AccountId by, Instant at) {
        return new HandshakeDeclinedEvent(new HandshakeId(id), by, at, RETENTION_SCHEDULE_ID);
    }

    private static HandshakeCanceledEvent canceled(String id, Instant at) {
        return new HandshakeCanceledEvent(new HandshakeId(id), MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR, at,
                RETENTION_SCHEDULE_ID);
    }

    private static HandshakeExpiredEvent expired(String id, Instant at) {
        return new HandshakeExpiredEvent(new HandshakeId(id), at, RETENTION_SCHEDULE_ID);
    }

    private static HandshakeDeletedEvent deleted(String id, Instant at) {
        return new HandshakeDeletedEvent(new HandshakeId(id), at);
    }

    private static HandshakeResource organizationResource() {
        return new HandshakeResource(HandshakeResourceType.ORGANIZATION, ORG_ID, List.of(
                HandshakeResource.of(HandshakeResourceType.MASTER_EMAIL, MANAGEMENT_EMAIL),
                HandshakeResource.of(HandshakeResourceType.MASTER_NAME, MANAGEMENT_NAME),
                HandshakeResource.of(HandshakeResourceType.ORGANIZATION_FEATURE_SET, "CONSOLIDATED_BILLING")));
    }

    private static HandshakeParty accountTarget(AccountId account) {
        return new HandshakeParty(account.value(), PartyType.ACCOUNT);
    }

    private static HandshakeParty emailTarget(String email) {
        return new HandshakeParty(email, PartyType.EMAIL);
    }

    private static AccountId account(int number) {
        return new AccountId("20000000000" + number);
    }
}
