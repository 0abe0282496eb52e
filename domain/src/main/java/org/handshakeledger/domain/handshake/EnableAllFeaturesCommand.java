package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** The management account starts enabling all features; {@code handshakeId} names the new parent handshake. */
public record EnableAllFeaturesCommand(HandshakeId handshakeId,
                                       OrganizationId organizationId, AccountId caller, Instant requestedAt,
                                       Instant expiresAt, Duration retention) {
}
