package org.handshakeledger.projections.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationDeletedEvent;
import org.handshakeledger.projections.TypedIdsModule;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * The audit trail: one hash-chained record per state change that matters to an auditor (and per refused request),
 * with the actor, request and source taken from the event's metadata. A tracking processor with a single segment
 * feeds it one event at a time, in the order the event store delivers them. A rebuild replays in global-index order,
 * so it gives the same chain unless events had committed out of index order the first time (a gap filled later):
 * then the rebuilt chain is equally valid but ordered differently. Bookkeeping events (quota reservations, the
 * account-side membership lock) are not records of their own.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {
    public static final String PROCESSING_GROUP = "audit-trail";
    private static final int VERIFY_PAGE = 1000;
    private static final String CHAIN_HEAD = AuditTrailProjection.class.getName() + ".chainHead";

    private final AuditRecordRepository records;
    private final AuditedHandshakeRepository handshakes;
    private final ObjectMapper details = detailsMapper();

    public AuditTrailProjection(AuditRecordRepository records, AuditedHandshakeRepository handshakes) {
        this.records = records;
        this.handshakes = handshakes;
    }

    /** Who and what one event concerns; null fields are unknown or not applicable. */
    private record Subject(String organizationId, String handshakeId, Set<String> parties, String state) {
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        // An event that committed after later ones (it fills a gap in the global index) comes with a token whose
        // position is the highest index seen so far, not its own: taken as its index, it looked like a redelivery
        // and was skipped. The stored event says where it really is.
        long globalIndex = records.globalIndexOf(event.getIdentifier()).orElseGet(() -> token.position()
                .orElseThrow(() -> new IllegalStateException("No position in " + token)));
        ChainHead head = chainHead();
        if (head.recorded.contains(globalIndex) || records.existsByGlobalIndex(globalIndex)) {
            return;
        }
        MetaData metadata = event.getMetaData();
        String actorType = text(metadata, AuditMetadata.ACTOR_TYPE);
        String actor = text(metadata, AuditMetadata.ACCOUNT_ID);
        Subject subject = describe(payload, actor);
        if (subject == null) {
            return;
        }
        boolean byLedger = AuditMetadata.LEDGER.equals(actorType);
        Set<String> parties = new LinkedHashSet<>(subject.parties());
        if (actor != null && !byLedger) {
            parties.add(actor);
        }
        String requestTime = text(metadata, AuditMetadata.REQUEST_TIME);
        RequestRefusedEvent refused = payload instanceof RequestRefusedEvent r ? r : null;
        AuditRecord record = new AuditRecord(head.seq + 1, globalIndex,
                event.getTimestamp().truncatedTo(ChronoUnit.MILLIS), payload.getClass().getSimpleName(),
                eventName(metadata, payload), byLedger ? AuditMetadata.LEDGER : actorType,
                byLedger ? null : actor,
                byLedger ? null : text(metadata, AuditMetadata.ACCESS_KEY_ID),
                byLedger ? null : text(metadata, AuditMetadata.SOURCE_IP),
                byLedger ? null : text(metadata, AuditMetadata.USER_AGENT),
                byLedger ? null : text(metadata, AuditMetadata.REQUEST_ID),
                byLedger || requestTime == null ? null : Instant.parse(requestTime),
                subject.organizationId(), subject.handshakeId(), joined(parties), subject.state(),
                refused == null ? null : refused.errorCode(), refused == null ? null : refused.errorMessage(),
                byLedger ? null : text(metadata, AuditMetadata.REQUEST_PARAMETERS), detailsOf(payload), null, null);
        AuditRecord linked = AuditChain.link(record, head.hash);
        records.save(new AuditRecordEntity(linked));
        head.seq = linked.seq();
        head.hash = linked.hash();
        head.recorded.add(globalIndex);
    }

    /**
     * The newest record of the chain, and the events recorded in this transaction. A processor hands events over in
     * batches, one transaction each: the head is read once per batch and then carried along in the batch's unit of
     * work, which a rollback throws away with it. Without a unit of work it is read each time, which also writes out
     * the records saved so far in the transaction, for the duplicate check to see.
     */
    private ChainHead chainHead() {
        if (!CurrentUnitOfWork.isStarted()) {
            return loadChainHead();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(CHAIN_HEAD, key -> loadChainHead());
    }

    private ChainHead loadChainHead() {
        return records.findTopByOrderBySeqDesc()
                .map(last -> new ChainHead(last.getSeq(), last.getHash()))
                .orElseGet(() -> new ChainHead(0, AuditChain.GENESIS));
    }

    private static final class ChainHead {
        private final Set<Long> recorded = new HashSet<>();
        private long seq;
        private String hash;

        private ChainHead(long seq, String hash) {
            this.seq = seq;
            this.hash = hash;
        }
    }

    @ResetHandler
    void reset() {
        records.deleteAllInBatch();
        handshakes.deleteAllInBatch();
    }

    @QueryHandler
    public AuditPage handle(AuditPageQuery query) {
        AuditFilter filter = query.filter();
        AuditScope scope = query.scope();
        List<AuditRecordEntity> rows = records.page(query.afterSeq(), scope.everything(),
                scope.managedOrganizationId(), scope.accountId(), filter.organizationId(), filter.accountId(),
                filter.handshakeId(), filter.from(), filter.to(), Limit.of(query.size() + 1));
        return new AuditPage(rows.stream().limit(query.size()).map(AuditRecordEntity::toRecord).toList(),
                rows.size() > query.size());
    }

    /** Walks the chain page by page, so a trail of any length is checked in constant memory. */
    @QueryHandler
    public AuditVerification handle(VerifyAuditTrailQuery query) {
        Long first = query.from() == null ? Long.valueOf(1) : records.firstSeqAtOrAfter(query.from());
        Long last = query.to() == null ? null : records.lastSeqBefore(query.to());
        if (first == null || (last != null && last < first)) {
            return AuditVerification.valid(0);
        }
        String expectedPrev = AuditChain.GENESIS;
        if (first > 1) {
            AuditRecordEntity before = records.findById(first - 1).orElse(null);
            if (before == null) {
                return AuditVerification.broken(0, first, "the record before the range is missing");
            }
            expectedPrev = before.getHash();
        }
        long expectedSeq = first;
        long checked = 0;
        List<AuditRecordEntity> page = records.chain(first - 1, last, Limit.of(VERIFY_PAGE));
        while (!page.isEmpty()) {
            for (AuditRecordEntity row : page) {
                AuditRecord record = row.toRecord();
                if (record.seq() != expectedSeq) {
                    return AuditVerification.broken(checked, expectedSeq, "record " + expectedSeq + " is missing");
                }
                if (!expectedPrev.equals(record.prevHash())) {
                    return AuditVerification.broken(checked, record.seq(),
                            "prevHash does not match the hash of the record before");
                }
                if (!AuditChain.hash(record).equals(record.hash())) {
                    return AuditVerification.broken(checked, record.seq(), "hash does not match the record's content");
                }
                checked++;
                expectedSeq++;
                expectedPrev = record.hash();
            }
            page = records.chain(expectedSeq - 1, last, Limit.of(VERIFY_PAGE));
        }
        return AuditVerification.valid(checked);
    }

    private Subject describe(Object payload, String actor) {
        if (payload instanceof AccountInvitedEvent e) {
            Set<String> parties = parties(e.organization().managementAccountId().value(),
                    e.recipientAccountId() == null ? null : e.recipientAccountId().value(),
                    e.target().id().toLowerCase(Locale.ROOT));
            return remember(e.handshakeId(), e.organization().id(), parties, "OPEN");
        }
        if (payload instanceof AllFeaturesRequestedEvent e) {
            return remember(e.handshakeId(), e.organization().id(),
                    parties(e.organization().managementAccountId().value()), e.initialState().name());
        }
        if (payload instanceof AllFeaturesApprovalRequestedEvent e) {
            return remember(e.handshakeId(), e.organization().id(),
                    parties(e.organization().managementAccountId().value(), e.member().value()), "OPEN");
        }
        if (payload instanceof HandshakeOpenedEvent e) {
            return known(e.handshakeId().value(), "OPEN");
        }
        if (payload instanceof HandshakeAcceptedEvent e) {
            return known(e.handshakeId().value(), "ACCEPTED");
        }
        if (payload instanceof HandshakeDeclinedEvent e) {
            return known(e.handshakeId().value(), "DECLINED");
        }
        if (payload instanceof HandshakeCanceledEvent e) {
            return known(e.handshakeId().value(), "CANCELED");
        }
        if (payload instanceof HandshakeExpiredEvent e) {
            return known(e.handshakeId().value(), "EXPIRED");
        }
        if (payload instanceof HandshakeDeletedEvent e) {
            return known(e.handshakeId().value(), "DELETED");
        }
        if (payload instanceof OrganizationCreatedEvent e) {
            return new Subject(e.organization().id().value(), null,
                    parties(e.organization().managementAccountId().value()), null);
        }
        if (payload instanceof OrganizationDeletedEvent e) {
            return new Subject(e.organizationId().value(), null, parties(e.deletedBy().value()), null);
        }
        if (payload instanceof AccountJoinedOrganizationEvent e) {
            return new Subject(e.organizationId().value(), e.handshakeId() == null ? null : e.handshakeId().value(),
                    parties(e.accountId().value()), null);
        }
        if (payload instanceof AccountLeftOrganizationEvent e) {
            return new Subject(e.organizationId().value(), null, parties(e.accountId().value()), null);
        }
        if (payload instanceof AllFeaturesEnabledEvent e) {
            return new Subject(e.organizationId().value(), e.parentId().value(), parties(), null);
        }
        if (payload instanceof RequestRefusedEvent e) {
            AuditedHandshakeEntity handshake = e.handshakeId() == null ? null
                    : handshakes.findById(e.handshakeId()).orElse(null);
            // A caller that may not see the handshake was told it does not exist: its record must not name the
            // handshake's organization and parties (the caller reads its own records), nor go to them.
            return handshake == null || !maySee(actor, e.organizationId(), handshake)
                    ? new Subject(e.organizationId(), e.handshakeId(), parties(), null)
                    : new Subject(handshake.getOrganizationId(), e.handshakeId(), split(handshake.getParties()), null);
        }
        return null;
    }

    /** Whether DescribeHandshake shows the handshake to the account: a party, or in the originating organization. */
    private static boolean maySee(String account, String accountOrganization, AuditedHandshakeEntity handshake) {
        return account != null && (split(handshake.getParties()).contains(account)
                || handshake.getOrganizationId() != null && handshake.getOrganizationId().equals(accountOrganization));
    }

    private Subject remember(HandshakeId id, OrganizationId organization, Set<String> parties, String state) {
        // a lookup by id, unlike an exists query, does not flush the other rows of this transaction first
        if (handshakes.findById(id.value()).isEmpty()) {
            handshakes.save(new AuditedHandshakeEntity(id.value(), organization.value(), joined(parties)));
        }
        return new Subject(organization.value(), id.value(), parties, state);
    }

    private Subject known(String handshakeId, String state) {
        AuditedHandshakeEntity handshake = handshakes.findById(handshakeId).orElse(null);
        return handshake == null
                ? new Subject(null, handshakeId, parties(), state)
                : new Subject(handshake.getOrganizationId(), handshakeId, split(handshake.getParties()), state);
    }

    private static String eventName(MetaData metadata, Object payload) {
        String operation = text(metadata, AuditMetadata.OPERATION);
        if (AuditMetadata.LEDGER.equals(text(metadata, AuditMetadata.ACTOR_TYPE))) {
            return payload instanceof HandshakeDeletedEvent ? "DeleteHandshake" : "ExpireHandshake";
        }
        return operation != null ? operation : payload.getClass().getSimpleName();
    }

    private String detailsOf(Object payload) {
        try {
            return details.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot describe " + payload.getClass().getSimpleName(), e);
        }
    }

    private static Set<String> parties(String... ids) {
        Set<String> parties = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null) {
                parties.add(id);
            }
        }
        return parties;
    }

    private static Set<String> split(String joined) {
        Set<String> parties = new LinkedHashSet<>();
        for (String part : joined.split(",")) {
            if (!part.isEmpty()) {
                parties.add(part);
            }
        }
        return parties;
    }

    /** {@code ,a,b,} so that {@code like '%,a,%'} matches whole entries only. */
    private static String joined(Set<String> parties) {
        return parties.isEmpty() ? "," : "," + String.join(",", parties) + ",";
    }

    private static String text(MetaData metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    private static ObjectMapper detailsMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new TypedIdsModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
