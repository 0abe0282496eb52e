package org.handshakeledger.projections.organization;

/** The existing organizations in id order, at most {@code size} after {@code afterId} (null: from the first). */
public record ListOrganizationsQuery(String afterId, int size) {
}
