package org.handshakeledger.domain.mirror;

/**
 * The AWS Organizations endpoint a mirrored handshake was seen at: the endpoint ({@code aws} for the real service),
 * its region, and the organization and management account the mirror's credentials read.
 */
public record Upstream(String endpoint, String region, String organizationId, String accountId) {
}
