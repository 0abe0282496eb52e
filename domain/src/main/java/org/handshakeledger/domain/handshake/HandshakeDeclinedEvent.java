package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The recipient declined. {@code retentionScheduleId} names the deletion deadline it scheduled. */
public record HandshakeDeclinedEvent(HandshakeId handshakeId, AccountId declinedBy, Instant declinedAt,
                                     String retentionScheduleId) {
}
