package org.handshakeledger.projections.organization;

/** The tags of an account, as the caller's organization sees them. */
public record ListTagsForAccountQuery(String accountId, String organizationId) {
}
