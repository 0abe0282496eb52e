package org.handshakeledger.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * The audit trail: one hash-chained record per state change that matters to an auditor (and per refused request),
 * with the actor, request and source taken from the event's metadata. A tracking processor with a single segment
 * feeds it one event at a time, in the order the event store delivers them. A rebuild replays in global-index order,
 * so it gives the same chain unless events had committed out of index order the first time (a gap filled later):
 * then the rebuilt chain is consistent but ordered differently, and not the one the signed digests anchor. Bookkeeping events (quota reservations, the
 * account-side membership lock) are not records of their own.
 *
 * <p>What a record says is made by {@link AuditRecordFactory}, the chain is kept by {@link AuditChainHead} and
 * {@link AuditChain}, and {@link AuditTrailQueries} reads the trail.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {
    public static final String PROCESSING_GROUP = "audit-trail";

    private final AuditRecordRepository records;
    private final AuditedHandshakeRepository handshakes;
    private final AuditRecordFactory recordFactory;

    public AuditTrailProjection(AuditRecordRepository records, AuditedHandshakeRepository handshakes) {
        this.records = records;
        this.handshakes = handshakes;
        this.recordFactory = new AuditRecordFactory(new AuditSubjects(handshakes));
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        long globalIndex = globalIndexOf(event, token);
        AuditChainHead head = AuditChainHead.current(records);
        if (head.hasRecorded(globalIndex) || records.existsByGlobalIndex(globalIndex)) {
            return;
        }
        recordFactory.recordOf(payload, event, head.nextSeq(), globalIndex)
                .ifPresent(record -> records.save(new AuditRecordEntity(head.append(record))));
    }

    private long globalIndexOf(EventMessage<?> event, TrackingToken token) {
        // An event that committed after later ones (it fills a gap in the global index) comes with a token whose
        // position is the highest index seen so far, not its own: taken as its index, it looked like a redelivery
        // and was skipped. The stored event says where it really is.
        return records.globalIndexOf(event.getIdentifier()).orElseGet(() -> token.position()
                .orElseThrow(() -> new IllegalStateException("No position in " + token)));
    }

    @ResetHandler
    void reset() {
        records.deleteAllInBatch();
        handshakes.deleteAllInBatch();
    }
}
