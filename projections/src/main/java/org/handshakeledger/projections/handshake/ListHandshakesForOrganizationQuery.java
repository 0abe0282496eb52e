package org.handshakeledger.projections.handshake;

import java.time.Instant;

/** The handshakes an organization sent: invitations, all-features requests and their approvals. */
public record ListHandshakesForOrganizationQuery(String organizationId, HandshakeFilter filter, PageRequest page,
                                                 Instant now) {
}
