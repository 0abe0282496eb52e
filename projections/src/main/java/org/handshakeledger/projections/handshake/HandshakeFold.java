package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.Optional;

import org.handshakeledger.domain.mirror.MirroredHandshakeChangedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeFirstSeenEvent;
import org.handshakeledger.domain.mirror.ObservedHandshake;

/**
 * A handshake rebuilt in memory from its own events, oldest first, with the same row mapping as the stored view
 * ({@link HandshakeRowMapping}): it describes the handshake as the AWS API did at any moment of its history, also
 * long after the AWS-facing view deleted it. A {@code HandshakeDeletedEvent} changes nothing: the handshake is
 * described as it was when it was deleted.
 *
 * <p>A handshake the mirror observed upstream is folded from its sightings instead: each one is the whole handshake
 * as it was listed then ({@link ObservedHandshakes}).
 */
public final class HandshakeFold {
    private HandshakeViewEntity row;
    private ObservedHandshake observed;

    /** Applies the next event of the handshake (others are ignored). */
    public void apply(Object payload, long sequence) {
        if (payload instanceof MirroredHandshakeFirstSeenEvent seen) {
            observed = seen.handshake();
            return;
        }
        if (payload instanceof MirroredHandshakeChangedEvent changed) {
            observed = changed.handshake();
            return;
        }
        Optional<HandshakeViewEntity> started = HandshakeRowMapping.startedBy(payload, sequence);
        if (started.isPresent()) {
            row = started.get();
        } else if (row != null) {
            HandshakeRowMapping.changeState(row, payload, sequence);
        }
    }

    public boolean isKnown() {
        return row != null || observed != null;
    }

    /** Whether this is a handshake the mirror observed upstream rather than one of this ledger's own. */
    public boolean isObserved() {
        return observed != null;
    }

    /** The handshake as DescribeHandshake showed it at {@code at}. */
    public HandshakeView viewAt(Instant at) {
        if (observed != null) {
            return ObservedHandshakes.view(observed, at);
        }
        if (row == null) {
            throw new IllegalStateException("No creating event of the handshake was applied");
        }
        return HandshakeView.from(row, at);
    }

    /**
     * From when on DescribeHandshake answered HandshakeNotFoundException, as far as the events applied so far tell:
     * the retention after the handshake settled, or after it would expire while still pending. The
     * {@code HandshakeDeletedEvent} of the retention's deadline comes at or after this instant. An observed
     * handshake is visible until it vanishes upstream: {@link Instant#MAX}.
     */
    public Instant visibleUntil() {
        if (observed != null) {
            return Instant.MAX;
        }
        return row == null ? null : row.getVisibleUntil();
    }

    /** The management account of the originating organization. */
    public String managementAccountId() {
        if (observed != null) {
            return observed.managementAccountId();
        }
        return row == null ? null : row.getManagementAccountId();
    }

    public String organizationId() {
        if (observed != null) {
            return observed.organizationId();
        }
        return row == null ? null : row.getOrganizationId();
    }

    public String recipientAccountId() {
        if (observed != null) {
            return observed.recipientAccountId();
        }
        return row == null ? null : row.getRecipientAccountId();
    }

    /** The recipient's email (lower case) for an invitation by email, else null. */
    public String recipientEmail() {
        if (observed != null) {
            return observed.recipientEmail();
        }
        return row == null ? null : row.getRecipientEmail();
    }
}
