package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** The enable-all-features handshake was canceled or expired: invitations are allowed again. */
public record EndAllFeaturesMigrationCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                             HandshakeId parentId, Instant at) {
}
