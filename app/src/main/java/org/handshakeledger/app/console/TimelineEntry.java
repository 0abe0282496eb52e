package org.handshakeledger.app.console;

import java.time.Instant;

import org.handshakeledger.projections.audit.AuditMetadata;
import org.handshakeledger.projections.audit.AuditRecord;

/**
 * One mark on a handshake's timeline: an audit record, seen as a change made by a caller, a change the ledger made
 * by itself (expiry, deletion), a change the mirror saw upstream, or an attempt that was refused.
 */
record TimelineEntry(long seq, Instant time, String kind, String eventType, String eventName, String state, String actor,
                     String accessKeyId, String sourceIp, String userAgent, String requestId, String errorCode,
                     String errorMessage) {
    static final String CHANGE = "change";
    static final String LEDGER = "ledger";
    static final String REFUSED = "refused";
    static final String OBSERVED = "observed";

    static TimelineEntry of(AuditRecord record) {
        boolean observed = AuditMetadata.OBSERVED.equals(record.actorType());
        String kind = record.errorCode() != null ? REFUSED
                : AuditMetadata.LEDGER.equals(record.actorType()) ? LEDGER : observed ? OBSERVED : CHANGE;
        String actor = AuditMetadata.LEDGER.equals(record.actorType()) ? "the ledger"
                : observed ? "unknown: seen upstream" + (record.actorAccountId() == null ? ""
                        : " with the credentials of account " + record.actorAccountId())
                : record.actorAccountId() == null ? "unknown" : "account " + record.actorAccountId();
        return new TimelineEntry(record.seq(), record.eventTime(), kind, record.eventType(), record.eventName(), record.state(), actor,
                record.accessKeyId(), record.sourceIp(), record.userAgent(), record.requestId(), record.errorCode(),
                record.errorMessage());
    }
}
