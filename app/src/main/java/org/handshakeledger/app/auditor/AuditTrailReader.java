package org.handshakeledger.app.auditor;

import java.io.IOException;
import java.util.List;

import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.audit.AuditFilter;
import org.handshakeledger.projections.audit.AuditPage;
import org.handshakeledger.projections.audit.AuditPageQuery;
import org.handshakeledger.projections.audit.AuditRecord;
import org.handshakeledger.projections.audit.AuditScope;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail page by page through {@link AuditPageQuery}, so that an export of any length holds at most
 * one page of records in memory.
 */
@Component
class AuditTrailReader {
    static final int PAGE = 500;

    private final LedgerGateway ledger;

    AuditTrailReader(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    /** Receives records in chain order; told when a page is done, which is where output is flushed. */
    interface RecordSink {
        void accept(AuditRecord record) throws IOException;

        default void endOfPage() throws IOException {
        }
    }

    /**
     * The first at most {@code limit} records after {@code afterSeq}: the sequence number of the last of them
     * ({@code afterSeq} if there is none) and whether more records follow it. {@code records} holds them when they
     * fit in one page, else null (they are read again while streaming).
     */
    record Window(long lastSeq, boolean more, List<AuditRecord> records) {
    }

    AuditPage page(AuditFilter filter, AuditScope scope, long afterSeq, int size) {
        return ledger.query(new AuditPageQuery(filter, scope, afterSeq, size), AuditPage.class);
    }

    Window window(AuditFilter filter, AuditScope scope, long afterSeq, int limit) {
        if (limit <= PAGE) {
            AuditPage page = page(filter, scope, afterSeq, limit);
            List<AuditRecord> records = page.records();
            return new Window(records.isEmpty() ? afterSeq : records.get(records.size() - 1).seq(), page.more(),
                    records);
        }
        long cursor = afterSeq;
        long seen = 0;
        boolean more = false;
        while (seen < limit) {
            AuditPage page = page(filter, scope, cursor, (int) Math.min(PAGE, limit - seen));
            if (page.records().isEmpty()) {
                more = false;
                break;
            }
            seen += page.records().size();
            cursor = page.records().get(page.records().size() - 1).seq();
            more = page.more();
            if (!more) {
                break;
            }
        }
        return new Window(cursor, more, null);
    }

    /**
     * Hands every record after {@code afterSeq} to {@code sink}, at most {@code max} of them and none after
     * {@code upToSeq}; returns how many.
     */
    long forEach(AuditFilter filter, AuditScope scope, long afterSeq, long max, long upToSeq, RecordSink sink)
            throws IOException {
        long cursor = afterSeq;
        long written = 0;
        while (written < max) {
            AuditPage page = page(filter, scope, cursor, (int) Math.min(PAGE, max - written));
            for (AuditRecord record : page.records()) {
                if (record.seq() > upToSeq) {
                    sink.endOfPage();
                    return written;
                }
                sink.accept(record);
                written++;
                cursor = record.seq();
            }
            sink.endOfPage();
            if (!page.more() || page.records().isEmpty()) {
                break;
            }
        }
        return written;
    }
}
