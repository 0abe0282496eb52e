package org.handshakeledger.projections.organization;

/** Describe an organization that exists and is not deleted. */
public record GetOrganizationQuery(String organizationId) {
}
