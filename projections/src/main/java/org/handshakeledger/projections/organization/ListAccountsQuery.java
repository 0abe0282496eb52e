package org.handshakeledger.projections.organization;

/** The members of an organization in account-id order, after {@code afterAccountId} (null for the first page). */
public record ListAccountsQuery(String organizationId, String afterAccountId, int size) {
}
