package org.handshakeledger.projections.audit;

import java.time.Instant;

/** What an auditor asks for; every member is optional. {@code to} is exclusive. */
public record AuditFilter(String organizationId, String accountId, String handshakeId, Instant from, Instant to) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);
}
