package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The recipient declined the handshake. */
public record HandshakeDeclinedEvent(HandshakeId handshakeId, AccountId declinedBy, Instant declinedAt) {
}
