package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** The enable-all-features attempt was canceled or expired without changing the feature set. */
public record AllFeaturesMigrationEndedEvent(OrganizationId organizationId, HandshakeId parentId, Instant endedAt) {
}
