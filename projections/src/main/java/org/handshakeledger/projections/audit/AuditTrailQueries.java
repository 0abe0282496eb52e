package org.handshakeledger.projections.audit;

import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/** Reads the audit trail that {@link AuditTrailProjection} writes: pages of records, and checks of the chain. */
@Component
public class AuditTrailQueries {
    private static final int VERIFY_PAGE = 1000;

    private final AuditRecordRepository records;

    public AuditTrailQueries(AuditRecordRepository records) {
        this.records = records;
    }

    @QueryHandler
    public AuditPage handle(AuditPageQuery query) {
        AuditFilter filter = query.filter();
        AuditScope scope = query.scope();
        Limit limit = Limit.of(query.size() + 1);
        List<AuditRecordEntity> rows = filter.handshakeId() != null
                ? records.handshakePage(filter.handshakeId(), query.afterSeq(), scope.everything(),
                        scope.managedOrganizationId(), scope.accountId(), filter.organizationId(), filter.accountId(),
                        filter.from(), filter.to(), limit)
                : records.page(query.afterSeq(), scope.everything(), scope.managedOrganizationId(),
                        scope.accountId(), filter.organizationId(), filter.accountId(), null, filter.from(),
                        filter.to(), limit);
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
}
