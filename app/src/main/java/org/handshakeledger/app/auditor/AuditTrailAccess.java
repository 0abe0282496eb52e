package org.handshakeledger.app.auditor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.handshakeledger.app.auditor.digest.AuditDigests;
import org.handshakeledger.app.auditor.digest.AuditDigests.DigestVerification;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.audit.AuditFilter;
import org.handshakeledger.projections.audit.AuditRecord;
import org.handshakeledger.projections.audit.AuditVerification;
import org.handshakeledger.projections.audit.VerifyAuditTrailQuery;
import org.springframework.stereotype.Component;

/**
 * The audit trail as the {@code /ledger} endpoints give it, for callers that are not HTTP endpoints of their own
 * (the web console): always within the caller's {@link AuditScopes scope}, in the same formats, with the same
 * verification.
 */
@Component
public class AuditTrailAccess {
    private final AuditScopes scopes;
    private final AuditTrailReader reader;
    private final AuditExports exports;
    private final LedgerGateway ledger;
    private final AuditDigests digests;

    AuditTrailAccess(AuditScopes scopes, AuditTrailReader reader, AuditExports exports, LedgerGateway ledger,
                     AuditDigests digests) {
        this.scopes = scopes;
        this.reader = reader;
        this.exports = exports;
        this.ledger = ledger;
        this.digests = digests;
    }

    /** The export formats by the name {@code GET /ledger/audit?format=} takes, with the file suffix a download gets. */
    public static List<String> formats() {
        return List.of("jsonl", "cloudtrail", "csv", "chain");
    }

    public static String fileSuffix(String format) {
        return switch (AuditExportFormat.parse(format)) {
            case CSV -> ".csv";
            case CHAIN -> ".txt";
            default -> ".jsonl";
        };
    }

    public static String contentType(String format) {
        return AuditExportFormat.parse(format).contentType();
    }

    /** The records of one handshake the caller may see, oldest first, at most {@code max} after {@code afterSeq}. */
    public List<AuditRecord> handshakeRecords(AuthenticatedCaller caller, String handshakeId, long afterSeq,
                                              int max) {
        List<AuditRecord> records = new ArrayList<>();
        try {
            reader.forEach(new AuditFilter(null, null, handshakeId, null, null), scopes.of(caller), afterSeq, max,
                    Long.MAX_VALUE, records::add);
        } catch (IOException e) {
            throw new UncheckedIOException("A list in memory cannot fail to take a record", e);
        }
        return records;
    }

    /** Writes every record of the selection the caller may see, as {@code GET /ledger/audit?format=} would. */
    public void export(AuthenticatedCaller caller, AuditFilter filter, String format, OutputStream out)
            throws IOException {
        reader.forEach(filter, scopes.of(caller), 0, Long.MAX_VALUE, Long.MAX_VALUE,
                exports.writer(AuditExportFormat.parse(format.toLowerCase(Locale.ROOT)), out));
    }

    /**
     * The hash chain over the whole trail or the records between {@code from} and {@code to} (either may be null),
     * and the trail against every signed digest, in the fields of {@code GET /ledger/audit/verify}. Reads every
     * record: auditors only, which the caller checks.
     */
    public Map<String, Object> verify(Instant from, Instant to) {
        AuditVerification verification = ledger.query(new VerifyAuditTrailQuery(from, to),
                AuditVerification.class);
        DigestVerification signed = digests.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", verification.valid() && signed.valid());
        body.put("records", verification.records());
        body.put("digests", signed.checked());
        if (!verification.valid()) {
            body.put("brokenAtSeq", verification.brokenAtSeq());
            body.put("problem", verification.problem());
        } else if (!signed.valid()) {
            body.put("brokenAtSeq", signed.brokenAtSeq());
            body.put("brokenDigest", signed.brokenDigest());
            body.put("problem", signed.problem());
        }
        return body;
    }
}
