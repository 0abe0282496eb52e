package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/**
 * Asks the organization for a slot for a new invitation: checks the caller's role, duplicates and quotas.
 * {@code targetKey} identifies the invited party (the account id when known, else the lower-cased email).
 */
public record ReserveInvitationCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                       HandshakeId handshakeId, AccountId caller, String targetKey,
                                       AccountId recipientAccountId, Instant requestedAt, Instant expiresAt,
                                       InvitationLimits limits) {
}
