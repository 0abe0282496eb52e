package org.handshakeledger.projections.audit;

import java.util.HashSet;
import java.util.Set;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The newest record of the chain, and the events recorded in this transaction. A processor hands events over in
 * batches, one transaction each: the head is read once per batch and then carried along in the batch's unit of
 * work, which a rollback throws away with it. Without a unit of work it is read each time, which also writes out
 * the records saved so far in the transaction, for the duplicate check to see.
 */
final class AuditChainHead {
    private static final String RESOURCE = AuditChainHead.class.getName();

    private final Set<Long> recorded = new HashSet<>();
    private long seq;
    private String hash;

    private AuditChainHead(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }

    /** The head as the event being handled finds it. */
    static AuditChainHead current(AuditRecordRepository records) {
        if (!CurrentUnitOfWork.isStarted()) {
            return load(records);
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> load(records));
    }

    private static AuditChainHead load(AuditRecordRepository records) {
        return records.findTopByOrderBySeqDesc()
                .map(last -> new AuditChainHead(last.getSeq(), last.getHash()))
                .orElseGet(() -> new AuditChainHead(0, AuditChain.GENESIS));
    }

    /** Whether the event at {@code globalIndex} was recorded earlier in this transaction. */
    boolean hasRecorded(long globalIndex) {
        return recorded.contains(globalIndex);
    }

    /** The sequence number of the record appended next. */
    long nextSeq() {
        return seq + 1;
    }

    /** Links {@code record} (numbered {@link #nextSeq}) after the head, which it becomes; returns it linked. */
    AuditRecord append(AuditRecord record) {
        AuditRecord linked = AuditChain.link(record, hash);
        seq = linked.seq();
        hash = linked.hash();
        recorded.add(linked.globalIndex());
        return linked;
    }
}
