package org.handshakeledger.projections.audit;

/**
 * What the caller may see: everything (an auditor), or the records of the organization it manages (null if none)
 * and the records it is a party to.
 */
public record AuditScope(boolean everything, String managedOrganizationId, String accountId) {
    public static AuditScope auditor() {
        return new AuditScope(true, null, null);
    }
}
