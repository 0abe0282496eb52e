package org.handshakeledger.projections.audit;

import java.util.List;

/** One page of audit records; {@code more} tells whether another page follows. */
public record AuditPage(List<AuditRecord> records, boolean more) {
}
