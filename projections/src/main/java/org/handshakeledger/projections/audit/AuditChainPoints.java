package org.handshakeledger.projections.audit;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Points of the audit chain that a signed digest names: its last record, and any record's hash. */
@Component
public class AuditChainPoints {
    private final AuditRecordRepository records;

    public AuditChainPoints(AuditRecordRepository records) {
        this.records = records;
    }

    /** The last record's sequence number and hash, and how many records lead up to it; seq 0 for an empty trail. */
    @Transactional(readOnly = true)
    public ChainPoint head() {
        return records.findTopByOrderBySeqDesc()
                .map(last -> new ChainPoint(last.getSeq(), last.getHash(), records.countBySeqLessThanEqual(last.getSeq())))
                .orElse(ChainPoint.ORIGIN);
    }

    /**
     * The record {@code seq} as the chain holds it now, its records counted on from {@code from}, a point at or
     * before it: walking forward from point to point counts each record once. Empty when there is no record
     * {@code seq}.
     */
    @Transactional(readOnly = true)
    public Optional<ChainPoint> after(ChainPoint from, long seq) {
        if (seq < from.seq()) {
            throw new IllegalArgumentException("Record " + seq + " comes before " + from.seq());
        }
        return records.findById(seq).map(record -> new ChainPoint(seq, record.getHash(),
                from.recordCount() + records.countBySeqBetween(from.seq() + 1, seq)));
    }

    /**
     * A record of the chain.
     *
     * @param seq         its sequence number (0: before the first record)
     * @param hash        its hash ({@link AuditChain#GENESIS} before the first record)
     * @param recordCount how many records the trail holds up to and including it
     */
    public record ChainPoint(long seq, String hash, long recordCount) {
        /** Before the first record. */
        public static final ChainPoint ORIGIN = new ChainPoint(0, AuditChain.GENESIS, 0);
    }
}
