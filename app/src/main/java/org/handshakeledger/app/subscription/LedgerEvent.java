package org.handshakeledger.app.subscription;

import java.time.Instant;
import java.util.Map;

import org.handshakeledger.projections.handshake.HandshakeFold;

/**
 * One stored event of a handshake, with its position in the event store and the handshake as it stood right after
 * it ({@code handshake}, folded from the handshake's own events up to this one).
 */
public record LedgerEvent(long globalIndex, String eventId, String handshakeId, long sequence, Instant time,
                          Object payload, Map<String, ?> metadata, HandshakeFold handshake) {
}
