package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.account.AcceptWhileMember;

/**
 * The caller accepts the handshake; its email and name identify it to EMAIL invitations and ListAccounts, and
 * {@code acceptWhileMember} is the configured answer to a caller already in another organization.
 */
public record AcceptHandshakeCommand(HandshakeId handshakeId, AccountId caller,
                                     String callerEmail, String callerName, Instant requestedAt,
                                     AcceptWhileMember acceptWhileMember) {
}
