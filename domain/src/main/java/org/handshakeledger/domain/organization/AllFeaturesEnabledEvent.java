package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** The organization now has all features. */
public record AllFeaturesEnabledEvent(OrganizationId organizationId, HandshakeId parentId, Instant enabledAt) {
}
