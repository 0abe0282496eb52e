package org.handshakeledger.projections.organization;

/** Where does this account belong? */
public record FindMembershipQuery(String accountId) {
}
