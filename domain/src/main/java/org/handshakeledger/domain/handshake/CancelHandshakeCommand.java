package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The originator withdraws the handshake. */
public record CancelHandshakeCommand(HandshakeId handshakeId, AccountId caller,
                                     Instant requestedAt) {
}
