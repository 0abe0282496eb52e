package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The handshake was accepted. {@code retentionScheduleId} names the deletion deadline it scheduled. */
public record HandshakeAcceptedEvent(HandshakeId handshakeId, AccountId acceptedBy, Instant acceptedAt,
                                     String retentionScheduleId) {
}
