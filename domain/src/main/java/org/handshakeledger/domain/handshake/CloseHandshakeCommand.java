package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.HandshakeId;

/**
 * The ledger closes a still-pending handshake as a consequence of another change (all-features flow started,
 * canceled or expired; member left; organization deleted). Does nothing to a settled handshake.
 */
public record CloseHandshakeCommand(@TargetAggregateIdentifier HandshakeId handshakeId, HandshakeState outcome,
                                    CloseReason reason, Instant at) {
}
