package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The recipient declines the handshake. */
public record DeclineHandshakeCommand(@TargetAggregateIdentifier HandshakeId handshakeId, AccountId caller,
                                      String callerEmail, Instant requestedAt) {
}
