package org.handshakeledger.projections.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.mirror.MirroredHandshakeChangedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeFirstSeenEvent;
import org.handshakeledger.domain.mirror.ObservedHandshake;
import org.handshakeledger.domain.mirror.Upstream;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;

/** A handshake folded in memory from its events is described as the stored view describes it. */
@DataJpaTest(showSql = false)
class HandshakeFoldTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final HandshakeId ID = new HandshakeId("h-folded000001");
    private static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(
            new OrganizationId("o-a1b2c3d4e5"), MANAGEMENT, "management@example.com", "Management",
            FeatureSet.CONSOLIDATED_BILLING);

    @Autowired
    private HandshakeViewRepository repository;
    @Autowired
    private TestEntityManager entityManager;

    private HandshakeViewProjection projection;
    private AnnotationEventHandlerAdapter handlers;
    private HandshakeFold fold;

    @BeforeEach
    void setUp() {
        projection = new HandshakeViewProjection(repository);
        handlers = new AnnotationEventHandlerAdapter(projection);
        fold = new HandshakeFold();
    }

    @Test
    void anInvitationByEmailThatWasDeclined() {
        // when
        apply(new AccountInvitedEvent(ID, ORGANIZATION, new HandshakeParty("Someone@Example.COM", PartyType.EMAIL),
                null, "welcome", List.of(new Tag("k", "v")), MANAGEMENT, T0, T0.plusSeconds(600), RETENTION,
                "expiry-1"), 0);
        apply(new HandshakeDeclinedEvent(ID, null, T0.plusSeconds(60), "retention-1"), 1);

        // then
        assertThat(fold.viewAt(T0.plusSeconds(120))).isEqualTo(described(T0.plusSeconds(120)));
        assertThat(fold.recipientEmail()).isEqualTo("someone@example.com");
        assertThat(fold.recipientAccountId()).isNull();
    }

    @Test
    void anInvitationOfAnAccountThatWasAcceptedAndThenDeleted() {
        // when
        apply(new AccountInvitedEvent(ID, ORGANIZATION, new HandshakeParty(MEMBER.value(), PartyType.ACCOUNT),
                MEMBER, null, List.of(), MANAGEMENT, T0, T0.plusSeconds(600), RETENTION, "expiry-1"), 0);
        apply(new HandshakeAcceptedEvent(ID, MEMBER, T0.plusSeconds(60), "retention-1"), 1);
        HandshakeView beforeDeletion = described(T0.plusSeconds(120));
        apply(new HandshakeDeletedEvent(ID, T0.plusSeconds(60).plus(RETENTION)), 2);

        // then the fold still describes it as it was when deleted
        assertThat(fold.viewAt(T0.plusSeconds(120))).isEqualTo(beforeDeletion);
        assertThat(fold.recipientAccountId()).isEqualTo(MEMBER.value());
        assertThat(fold.organizationId()).isEqualTo(ORGANIZATION.id().value());
        assertThat(fold.managementAccountId()).isEqualTo(MANAGEMENT.value());
        // hidden from the retention's end after it settled on
        assertThat(fold.visibleUntil()).isEqualTo(T0.plusSeconds(60).plus(RETENTION));
    }

    @Test
    void anInvitationThatExpired() {
        // when
        apply(new AccountInvitedEvent(ID, ORGANIZATION, new HandshakeParty(MEMBER.value(), PartyType.ACCOUNT),
                MEMBER, null, List.of(), MANAGEMENT, T0, T0.plusSeconds(600), RETENTION, "expiry-1"), 0);
        apply(new HandshakeExpiredEvent(ID, T0.plusSeconds(600), "retention-1"), 1);

        // then
        assertThat(fold.viewAt(T0.plusSeconds(700))).isEqualTo(described(T0.plusSeconds(700)))
                .extracting(HandshakeView::state).isEqualTo(HandshakeState.EXPIRED);
        assertThat(fold.visibleUntil()).isEqualTo(T0.plusSeconds(600).plus(RETENTION));
    }

    @Test
    void anEnableAllFeaturesRequestThatOpenedAndWasCanceled() {
        // when
        apply(new AllFeaturesRequestedEvent(ID, ORGANIZATION, List.of(PARENT), HandshakeState.REQUESTED, MANAGEMENT,
                T0, T0.plusSeconds(600), RETENTION, "expiry-1"), 0);
        HandshakeView requested = described(T0.plusSeconds(10));
        apply(new HandshakeOpenedEvent(ID, T0.plusSeconds(60)), 1);
        HandshakeView opened = described(T0.plusSeconds(70));
        apply(new HandshakeCanceledEvent(ID, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR, T0.plusSeconds(120),
                "retention-1"), 2);

        // then
        assertThat(requested.state()).isEqualTo(HandshakeState.REQUESTED);
        assertThat(opened.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(fold.viewAt(T0.plusSeconds(180))).isEqualTo(described(T0.plusSeconds(180)))
                .extracting(HandshakeView::state).isEqualTo(HandshakeState.CANCELED);
    }

    @Test
    void anApprovalOfAllFeaturesThatWasAccepted() {
        // when
        apply(new AllFeaturesApprovalRequestedEvent(ID, PARENT, ORGANIZATION, MEMBER, T0, T0.plusSeconds(600),
                RETENTION, "expiry-1"), 0);
        apply(new HandshakeAcceptedEvent(ID, MEMBER, T0.plusSeconds(60), "retention-1"), 1);

        // then
        assertThat(fold.viewAt(T0.plusSeconds(120))).isEqualTo(described(T0.plusSeconds(120)));
        assertThat(fold.recipientAccountId()).isEqualTo(MEMBER.value());
    }

    @Test
    void aStateChangeSeenAgainChangesNothing() {
        // when
        apply(new AllFeaturesRequestedEvent(ID, ORGANIZATION, List.of(PARENT), HandshakeState.REQUESTED, MANAGEMENT,
                T0, T0.plusSeconds(600), RETENTION, "expiry-1"), 0);
        apply(new HandshakeDeclinedEvent(ID, MEMBER, T0.plusSeconds(60), "retention-1"), 2);
        apply(new HandshakeOpenedEvent(ID, T0.plusSeconds(30)), 1);

        // then
        assertThat(fold.viewAt(T0.plusSeconds(120))).isEqualTo(described(T0.plusSeconds(120)))
                .extracting(HandshakeView::state).isEqualTo(HandshakeState.DECLINED);
    }

    @Test
    void aHandshakeTheMirrorSawIsDescribedAsLastSeenWithLazyExpiry() {
        // given
        Upstream upstream = new Upstream("aws", "us-east-1", "o-upstream11", MANAGEMENT.value());
        ObservedHandshake open = new ObservedHandshake(ID.value(),
                "arn:aws:organizations::111111111111:handshake/o-upstream11/invite/" + ID, "INVITE", "OPEN",
                List.of(new ObservedHandshake.Party("o-upstream11", "ORGANIZATION"),
                        new ObservedHandshake.Party("Someone@Example.COM", "EMAIL")),
                List.of(new ObservedHandshake.Resource("ORGANIZATION", "o-upstream11",
                                List.of(new ObservedHandshake.Resource("MASTER_EMAIL", "m@example.com", null))),
                        new ObservedHandshake.Resource("RESPONSIBILITY_TRANSFER", "unknown here", null)),
                T0, T0.plusSeconds(600));

        // when
        fold.apply(new MirroredHandshakeFirstSeenEvent(ID.value(), upstream, open, T0.plusSeconds(5)), 0);

        // then
        HandshakeView seen = fold.viewAt(T0.plusSeconds(10));
        assertThat(seen.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(seen.arn()).isEqualTo(open.arn());
        assertThat(seen.parties()).containsExactly(new HandshakeParty("o-upstream11", PartyType.ORGANIZATION),
                new HandshakeParty("Someone@Example.COM", PartyType.EMAIL));
        // a resource type this ledger does not know is left out of the description
        assertThat(seen.resources()).containsExactly(new HandshakeResource(HandshakeResourceType.ORGANIZATION,
                "o-upstream11", List.of(HandshakeResource.of(HandshakeResourceType.MASTER_EMAIL, "m@example.com"))));
        assertThat(fold.viewAt(T0.plusSeconds(600)).state()).isEqualTo(HandshakeState.EXPIRED);
        assertThat(fold.isObserved()).isTrue();
        assertThat(fold.organizationId()).isEqualTo("o-upstream11");
        assertThat(fold.managementAccountId()).isEqualTo(MANAGEMENT.value());
        assertThat(fold.recipientEmail()).isEqualTo("someone@example.com");
        assertThat(fold.visibleUntil()).isEqualTo(Instant.MAX);

        // when it is seen accepted
        fold.apply(new MirroredHandshakeChangedEvent(ID.value(), upstream, "OPEN", new ObservedHandshake(ID.value(),
                open.arn(), "INVITE", "ACCEPTED", open.parties(), open.resources(), T0, T0.plusSeconds(600)),
                T0.plusSeconds(60)), 1);

        // then
        assertThat(fold.viewAt(T0.plusSeconds(900)).state()).isEqualTo(HandshakeState.ACCEPTED);
    }

    @Test
    void knowsNothingBeforeTheCreatingEvent() {
        // when
        fold.apply(new HandshakeAcceptedEvent(ID, MEMBER, T0, "retention-1"), 1);

        // then
        assertThat(fold.isKnown()).isFalse();
        assertThat(fold.organizationId()).isNull();
        assertThat(fold.recipientAccountId()).isNull();
        assertThat(fold.visibleUntil()).isNull();
    }

    /** The event applied to both the stored view, as its processor calls the handlers, and the fold. */
    private void apply(Object event, long sequence) {
        fold.apply(event, sequence);
        try {
            handlers.handle(new GenericDomainEventMessage<>("HandshakeAggregate", ID.value(), sequence, event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        entityManager.flush();
        entityManager.clear();
    }

    /** The stored view as its management account describes it at {@code now}. */
    private HandshakeView described(Instant now) {
        return projection.handle(new GetHandshakeQuery(ID.value(), MANAGEMENT.value(), null,
                ORGANIZATION.id().value(), now)).orElseThrow();
    }
}
