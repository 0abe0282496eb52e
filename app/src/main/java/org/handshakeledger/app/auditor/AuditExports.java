package org.handshakeledger.app.auditor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.audit.AuditChain;
import org.handshakeledger.projections.audit.AuditRecord;
import org.handshakeledger.projections.organization.GetOrganizationQuery;
import org.handshakeledger.projections.organization.OrganizationView;
import org.springframework.stereotype.Component;

/**
 * Writes audit records in the formats of {@code GET /ledger/audit}, one record at a time, flushing after every page.
 * The mappers are private to the exports, so Spring's {@code spring.jackson.*} settings never change an export.
 */
@Component
class AuditExports {
    private static final int KNOWN_ORGANIZATIONS = 1024;

    private final ObjectMapper json = JsonMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private final CsvMapper csv = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private final LedgerGateway ledger;

    AuditExports(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    ObjectMapper json() {
        return json;
    }

    AuditTrailReader.RecordSink writer(AuditExportFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case JSONL -> jsonLines(out, AuditRecordFields::of);
            case CLOUDTRAIL -> {
                CloudTrailEvents events = new CloudTrailEvents(json);
                Function<String, String> managementAccounts = managementAccounts();
                yield jsonLines(out, record -> events.event(record, record.organizationId() == null ? null
                        : managementAccounts.apply(record.organizationId())));
            }
            case CSV -> csvRows(out);
            case CHAIN -> chainLines(out);
        };
    }

    private AuditTrailReader.RecordSink jsonLines(OutputStream out, Function<AuditRecord, Object> shape) {
        return new AuditTrailReader.RecordSink() {
            @Override
            public void accept(AuditRecord record) throws IOException {
                out.write(json.writeValueAsBytes(shape.apply(record)));
                out.write('\n');
            }

            @Override
            public void endOfPage() throws IOException {
                out.flush();
            }
        };
    }

    private static AuditTrailReader.RecordSink chainLines(OutputStream out) {
        return new AuditTrailReader.RecordSink() {
            @Override
            public void accept(AuditRecord record) throws IOException {
                out.write((record.hash() + " " + AuditChain.canonicalForm(record) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void endOfPage() throws IOException {
                out.flush();
            }
        };
    }

    // The header row goes out first, through the same writer, so even an empty export has it.
    private AuditTrailReader.RecordSink csvRows(OutputStream out) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader().withLineSeparator("\r\n");
        SequenceWriter rows = csv.writer(schema).writeValues(out);
        rows.write(AuditRecordFields.NAMES.toArray());
        return new AuditTrailReader.RecordSink() {
            @Override
            public void accept(AuditRecord record) throws IOException {
                rows.write(cells(record));
            }

            @Override
            public void endOfPage() throws IOException {
                rows.flush();
            }
        };
    }

    // every cell as text, an absent value as an empty cell (Jackson would leave a null out of an array row)
    private static String[] cells(AuditRecord record) {
        return AuditRecordFields.of(record).values().stream()
                .map(value -> value == null ? "" : value.toString())
                .toArray(String[]::new);
    }

    /**
     * The management account of an organization, for CloudTrail's {@code recipientAccountId}; null once the
     * organization is deleted. Remembers the organizations of one export (a bounded number of them).
     */
    private Function<String, String> managementAccounts() {
        Map<String, Optional<String>> known = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                return size() > KNOWN_ORGANIZATIONS;
            }
        };
        return organizationId -> known.computeIfAbsent(organizationId, id -> ledger
                        .queryOptional(new GetOrganizationQuery(id), OrganizationView.class)
                        .map(OrganizationView::managementAccountId))
                .orElse(null);
    }
}
