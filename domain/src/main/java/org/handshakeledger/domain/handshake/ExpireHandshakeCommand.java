package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.HandshakeId;

/** Nobody answered in time. Sent by the ledger at the expiry deadline; harmless if the handshake has settled. */
public record ExpireHandshakeCommand(@TargetAggregateIdentifier HandshakeId handshakeId, Instant dueAt) {
}
