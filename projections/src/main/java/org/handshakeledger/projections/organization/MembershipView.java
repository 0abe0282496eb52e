package org.handshakeledger.projections.organization;

/** Which organization an account belongs to ({@code organizationId} null when standalone), and in what role. */
public record MembershipView(String accountId, String organizationId, boolean management) {
    public boolean isStandalone() {
        return organizationId == null;
    }
}
