package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The caller accepts the handshake; its email and name identify it to EMAIL invitations and ListAccounts. */
public record AcceptHandshakeCommand(@TargetAggregateIdentifier HandshakeId handshakeId, AccountId caller,
                                     String callerEmail, String callerName, Instant requestedAt) {
}
