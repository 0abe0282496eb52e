package org.handshakeledger.projections.audit;

/**
 * The result of checking the chain: {@code records} checked, and when it is broken, the sequence number of the
 * first record where it breaks and why.
 */
public record AuditVerification(boolean valid, long records, Long brokenAtSeq, String problem) {
    static AuditVerification valid(long records) {
        return new AuditVerification(true, records, null, null);
    }

    static AuditVerification broken(long records, long seq, String problem) {
        return new AuditVerification(false, records, seq, problem);
    }
}
