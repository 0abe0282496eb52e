package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/** Nobody answered before the expiration time. */
public record HandshakeExpiredEvent(HandshakeId handshakeId, Instant expiredAt) {
}
