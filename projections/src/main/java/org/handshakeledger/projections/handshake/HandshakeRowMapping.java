package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.Optional;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.projections.EventTypeMapping;

/**
 * How each handshake event shapes the row of its handshake, in one place for the stored view
 * ({@link HandshakeViewProjection}) and for a handshake folded in memory ({@link HandshakeFold}): a creating event
 * starts the row, a state change moves it on. {@code HandshakeDeletedEvent} is not mapped: the view forgets the row,
 * the fold keeps it.
 */
final class HandshakeRowMapping {
    /** Given the event's aggregate sequence number, which the row starts from. */
    private static final EventTypeMapping<Long, HandshakeViewEntity> STARTS =
            new EventTypeMapping<Long, HandshakeViewEntity>()
                    .on(AccountInvitedEvent.class, HandshakeRowMapping::invited)
                    .on(AllFeaturesRequestedEvent.class, HandshakeRowMapping::allFeaturesRequested)
                    .on(AllFeaturesApprovalRequestedEvent.class, HandshakeRowMapping::allFeaturesApprovalRequested);

    private static final EventTypeMapping<Void, StateChange> STATE_CHANGES = new EventTypeMapping<Void, StateChange>()
            .on(HandshakeOpenedEvent.class, e -> new StateChange(HandshakeState.OPEN, e.openedAt()))
            .on(HandshakeAcceptedEvent.class, e -> new StateChange(HandshakeState.ACCEPTED, e.acceptedAt()))
            .on(HandshakeDeclinedEvent.class, e -> new StateChange(HandshakeState.DECLINED, e.declinedAt()))
            .on(HandshakeCanceledEvent.class, e -> new StateChange(HandshakeState.CANCELED, e.canceledAt()))
            .on(HandshakeExpiredEvent.class, e -> new StateChange(HandshakeState.EXPIRED, e.expiredAt()));

    private HandshakeRowMapping() {
    }

    /** The row an event that creates a handshake starts; empty for every other event. */
    static Optional<HandshakeViewEntity> startedBy(Object event, long sequence) {
        return STARTS.apply(event, sequence);
    }

    /**
     * Moves the row on by a state-changing event; false when the event changes no state or the row has already seen
     * it (a replay).
     */
    static boolean changeState(HandshakeViewEntity row, Object event, long sequence) {
        return STATE_CHANGES.apply(event)
                .map(change -> row.changeState(change.state(), change.at(), sequence))
                .orElse(false);
    }

    private static HandshakeViewEntity invited(AccountInvitedEvent e, long sequence) {
        HandshakeViewEntity row = start(e.handshakeId(), HandshakeAction.INVITE, sequence, e.organization());
        row.target(e.target().id(), e.target().type(),
                e.recipientAccountId() == null ? null : e.recipientAccountId().value());
        row.notes(e.notes());
        row.lifetime(HandshakeState.OPEN, e.requestedAt(), e.expiresAt(), e.retention().toSeconds());
        return row;
    }

    private static HandshakeViewEntity allFeaturesRequested(AllFeaturesRequestedEvent e, long sequence) {
        HandshakeViewEntity row = start(e.handshakeId(), HandshakeAction.ENABLE_ALL_FEATURES, sequence,
                e.organization());
        row.lifetime(e.initialState(), e.requestedAt(), e.expiresAt(), e.retention().toSeconds());
        return row;
    }

    private static HandshakeViewEntity allFeaturesApprovalRequested(AllFeaturesApprovalRequestedEvent e,
                                                                    long sequence) {
        HandshakeViewEntity row = start(e.handshakeId(), HandshakeAction.APPROVE_ALL_FEATURES, sequence,
                e.organization());
        row.target(e.member().value(), PartyType.ACCOUNT, e.member().value());
        row.parentId(e.parentId().value());
        row.lifetime(HandshakeState.OPEN, e.requestedAt(), e.expiresAt(), e.retention().toSeconds());
        return row;
    }

    private static HandshakeViewEntity start(HandshakeId id, HandshakeAction action, long sequence,
                                             OrganizationProfile org) {
        HandshakeViewEntity row = new HandshakeViewEntity(id.value(), action, sequence);
        row.organization(org.id().value(), org.managementAccountId().value(), org.managementEmail(),
                org.managementName(), org.featureSet().name());
        return row;
    }

    /** The state an event moves its handshake to, and when. */
    private record StateChange(HandshakeState state, Instant at) {
    }
}
