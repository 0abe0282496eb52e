package org.handshakeledger.projections.organization;

/**
 * The existing organizations in id order, at most {@code size} after {@code afterId} (null: from the first), each
 * with its first {@code membersEach} members (none when 0), all in a fixed number of queries.
 */
public record ListOrganizationsQuery(String afterId, int size, int membersEach) {
}
