package org.handshakeledger.projections.audit;

import java.time.Instant;

/** Check the hash chain over the records whose event time is in [{@code from}, {@code to}); null means unbounded. */
public record VerifyAuditTrailQuery(Instant from, Instant to) {
}
