package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** The recipient declines the handshake. */
public record DeclineHandshakeCommand(HandshakeId handshakeId, AccountId caller,
                                      String callerEmail, Instant requestedAt) {
}
