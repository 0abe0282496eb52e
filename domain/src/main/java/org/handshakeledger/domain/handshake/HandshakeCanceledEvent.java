package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/**
 * The handshake was canceled: by its originator ({@code canceledBy}), or by the ledger (null) for the reason given.
 * {@code retentionScheduleId} names the deletion deadline it scheduled.
 */
public record HandshakeCanceledEvent(HandshakeId handshakeId, AccountId canceledBy, CloseReason reason,
                                     Instant canceledAt, String retentionScheduleId) {
}
