package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** Opens the enable-all-features flow; answers with an {@link AllFeaturesMigrationPlan}. */
public record StartAllFeaturesMigrationCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                               HandshakeId parentId, AccountId caller, Instant requestedAt,
                                               Instant expiresAt) {
}
