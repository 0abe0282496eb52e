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
                .orElse(new ChainPoint(0, AuditChain.GENESIS, 0));
    }

    /** The record {@code seq} as the chain holds it now; empty when there is none. */
    @Transactional(readOnly = true)
    public Optional<ChainPoint> at(long seq) {
        return records.findById(seq)
                .map(record -> new ChainPoint(seq, record.getHash(), records.countBySeqLessThanEqual(seq)));
    }

    /**
     * A record of the chain.
     *
     * @param seq         its sequence number (0: before the first record)
     * @param hash        its hash ({@link AuditChain#GENESIS} before the first record)
     * @param recordCount how many records the trail holds up to and including it
     */
    public record ChainPoint(long seq, String hash, long recordCount) {
    }
}
