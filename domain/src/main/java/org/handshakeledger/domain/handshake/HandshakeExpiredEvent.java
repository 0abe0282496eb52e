package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/** Nobody answered in time. {@code retentionScheduleId} names the deletion deadline it scheduled. */
public record HandshakeExpiredEvent(HandshakeId handshakeId, Instant expiredAt, String retentionScheduleId) {
}
