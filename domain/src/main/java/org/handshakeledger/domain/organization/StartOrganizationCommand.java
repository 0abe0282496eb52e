package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.OrganizationId;

/** Creates the organization once its future management account has been claimed for it. */
public record StartOrganizationCommand(@TargetAggregateIdentifier OrganizationId organizationId, AccountId management,
                                       String managementEmail, String managementName, FeatureSet featureSet,
                                       Instant requestedAt) {
}
