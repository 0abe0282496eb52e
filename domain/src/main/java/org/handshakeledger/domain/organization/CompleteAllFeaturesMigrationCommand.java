package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** The management account accepted the enable-all-features handshake: the feature set becomes ALL. */
public record CompleteAllFeaturesMigrationCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                                  HandshakeId parentId, Instant at) {
}
