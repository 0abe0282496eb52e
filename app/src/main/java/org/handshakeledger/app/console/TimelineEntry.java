package org.handshakeledger.app.console;

import java.time.Instant;

import org.handshakeledger.projections.audit.AuditMetadata;
import org.handshakeledger.projections.audit.AuditRecord;

/**
 * One mark on a handshake's timeline: an audit record, seen as a change made by a caller, a change the ledger made
 * by itself (expiry, deletion), or an attempt that was refused.
 */
record TimelineEntry(long seq, Instant time, String kind, String eventType, String eventName, String state, String actor,
                     String accessKeyId, String sourceIp, String userAgent, String requestId, String errorCode,
                     String errorMessage) {
    static final String CHANGE = "change";
    static final String LEDGER = "ledger";
    static final String REFUSED = "refused";

    static TimelineEntry of(AuditRecord record) {
        String kind = record.errorCode() != null ? REFUSED
                : AuditMetadata.LEDGER.equals(record.actorType()) ? LEDGER : CHANGE;
        String actor = AuditMetadata.LEDGER.equals(record.actorType()) ? "the ledger"
                : record.actorAccountId() == null ? "unknown" : "account " + record.actorAccountId();
        return new TimelineEntry(record.seq(), record.eventTime(), kind, record.eventType(), record.eventName(), record.state(), actor,
                record.accessKeyId(), record.sourceIp(), record.userAgent(), record.requestId(), record.errorCode(),
                record.errorMessage());
    }
}
