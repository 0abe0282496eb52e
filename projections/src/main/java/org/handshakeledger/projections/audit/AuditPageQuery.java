package org.handshakeledger.projections.audit;

/** The next at most {@code size} records after {@code afterSeq}, in chain order, that the scope lets the caller see. */
public record AuditPageQuery(AuditFilter filter, AuditScope scope, long afterSeq, int size) {
}
