package org.handshakeledger.app.auditor;

import java.time.Instant;

import org.handshakeledger.projections.handshake.HandshakeView;

/**
 * What DescribeHandshake would have answered at an instant, for a caller who may see the handshake: the handshake,
 * or that it did not exist yet, or that the retention had deleted it. See {@link PointInTimeReads#handshake}.
 */
public sealed interface HandshakeAsOf {

    /** The handshake as DescribeHandshake showed it then. */
    record Described(HandshakeView view) implements HandshakeAsOf {
    }

    /** Its first event came later, at {@code createdAt} (the event store's timestamp). */
    record NotYetCreated(String handshakeId, Instant createdAt) implements HandshakeAsOf {
    }

    /**
     * The retention had ended at {@code deletedAt}, from when on DescribeHandshake answered
     * HandshakeNotFoundException; {@code lastDescribed} is the handshake as it was shown just before.
     */
    record Deleted(HandshakeView lastDescribed, Instant deletedAt) implements HandshakeAsOf {
    }
}
