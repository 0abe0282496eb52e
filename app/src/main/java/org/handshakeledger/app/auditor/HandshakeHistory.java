package org.handshakeledger.app.auditor;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.app.auditor.StoredHandshakeEvents.StoredEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeVanishedEvent;
import org.handshakeledger.projections.audit.AuditScope;
import org.handshakeledger.projections.handshake.HandshakeFold;

/**
 * One handshake's stored events, oldest first, and what they say at any instant: an event counts from its event
 * store timestamp on, inclusive. A mirrored handshake's events are its sightings: it is described as last seen, and
 * deleted from when it was seen to vanish. Who may see the handshake is decided from the whole history, so that "it did not
 * exist yet" is told only to a caller who may see it once it exists.
 */
final class HandshakeHistory {
    private final String handshakeId;
    private final List<StoredEvent> events;
    private final HandshakeFold whole = new HandshakeFold();

    HandshakeHistory(String handshakeId, List<StoredEvent> events) {
        this.handshakeId = handshakeId;
        this.events = List.copyOf(events);
        this.events.forEach(e -> whole.apply(e.payload(), e.sequence()));
    }

    /** Whether any event created the handshake; without one there is nothing to describe at any time. */
    boolean exists() {
        return whole.isKnown();
    }

    /**
     * The audit endpoints' rule (see {@link AuditScopes}), from the handshake's own events rather than from the
     * trail, which is written a moment later: an auditor sees every handshake; anyone else the handshakes of the
     * organization it manages now, and those it is a party to: the originating management account, and the
     * recipient by account or email. Its own refused calls about a handshake do not make it visible.
     */
    boolean visibleTo(AuditScope scope, String callerEmail) {
        if (!exists()) {
            return false;
        }
        if (scope.everything()) {
            return true;
        }
        String account = scope.accountId();
        return whole.organizationId().equals(scope.managedOrganizationId())
                || account.equals(whole.managementAccountId())
                || account.equals(whole.recipientAccountId())
                || callerEmail != null && callerEmail.equalsIgnoreCase(whole.recipientEmail());
    }

    /** What DescribeHandshake would have answered at {@code at}; only for a handshake that {@link #exists()}. */
    HandshakeAsOf at(Instant at) {
        HandshakeFold fold = new HandshakeFold();
        Instant deletedAt = null;
        for (StoredEvent event : events) {
            if (event.time().isAfter(at)) {
                break;
            }
            if (event.payload() instanceof HandshakeDeletedEvent
                    || event.payload() instanceof MirroredHandshakeVanishedEvent) {
                deletedAt = event.time();
            }
            fold.apply(event.payload(), event.sequence());
        }
        if (!fold.isKnown()) {
            return new HandshakeAsOf.NotYetCreated(handshakeId, createdAt());
        }
        // the views hide a handshake once its retention ends, before the deadline's deletion event comes
        if (!at.isBefore(fold.visibleUntil())) {
            deletedAt = deletedAt == null || fold.visibleUntil().isBefore(deletedAt) ? fold.visibleUntil() : deletedAt;
        }
        if (deletedAt != null) {
            Instant lastShown = deletedAt.minusNanos(1);
            return new HandshakeAsOf.Deleted(fold.viewAt(lastShown), deletedAt);
        }
        return new HandshakeAsOf.Described(fold.viewAt(at));
    }

    /** The event store timestamp of the first event. */
    Instant createdAt() {
        return events.get(0).time();
    }

    /** The event store timestamps of its events, oldest first: the instants at which its description changed. */
    List<Instant> eventTimes() {
        return events.stream().map(StoredEvent::time).toList();
    }
}
