package org.handshakeledger.app.auditor.digest;

import java.time.Instant;

import org.handshakeledger.projections.audit.AuditChain;
import org.handshakeledger.projections.audit.AuditChainPoints.ChainPoint;

/**
 * One signed digest of the audit trail: the trail up to record {@code lastSeq}, whose hash is {@code lastHash}, held
 * {@code recordCount} records at {@code time}. {@code signingString} is the exact UTF-8 text that was signed; it
 * names every one of these values and the signature of the digest before, so that the digests form a chain of their
 * own and none can be left out unnoticed. One line of ASCII, so a shell can cut it out of the JSON:
 * <pre>
 * handshake-ledger-audit-digest/1 sequence=2 lastSeq=120 lastHash=9f86…08 recordCount=120
 * time=2026-12-06T22:00:00.000Z keyId=3b1c…e4 previousSignature=MEUCIQ…==
 * </pre>
 * ({@code previousSignature=none} for the first digest.)
 */
public record AuditDigest(long sequence, long lastSeq, String lastHash, long recordCount, Instant time, String keyId,
                          String algorithm, String previousSignature, String signingString, String signature) {
    static final String VERSION = "handshake-ledger-audit-digest/1";

    /** The digest that follows {@code previous} (null for the first), signed with {@code key}. */
    static AuditDigest sign(AuditDigest previous, ChainPoint head, Instant time, AuditSigningKey key) {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        String previousSignature = previous == null ? null : previous.signature();
        String signingString = signingString(sequence, head.seq(), head.hash(), head.recordCount(), time,
                key.keyId(), previousSignature);
        return new AuditDigest(sequence, head.seq(), head.hash(), head.recordCount(), time, key.keyId(),
                AuditSigningKey.ALGORITHM, previousSignature, signingString, key.sign(signingString));
    }

    /** The text these values make: a digest whose {@code signingString} differs was not signed as it reads. */
    String expectedSigningString() {
        return signingString(sequence, lastSeq, lastHash, recordCount, time, keyId, previousSignature);
    }

    private static String signingString(long sequence, long lastSeq, String lastHash, long recordCount, Instant time,
                                        String keyId, String previousSignature) {
        return VERSION
                + " sequence=" + sequence
                + " lastSeq=" + lastSeq
                + " lastHash=" + lastHash
                + " recordCount=" + recordCount
                + " time=" + AuditChain.TIME.format(time)
                + " keyId=" + keyId
                + " previousSignature=" + (previousSignature == null ? "none" : previousSignature);
    }
}
