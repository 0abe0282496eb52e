package org.handshakeledger.app.auditor;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auditor.digest.AuditDigests;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerError;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.LedgerResponses;
import org.handshakeledger.app.web.QueryParameters;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.projections.audit.AuditFilter;
import org.handshakeledger.projections.audit.AuditPage;
import org.handshakeledger.projections.audit.AuditRecord;
import org.handshakeledger.projections.audit.AuditScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit endpoints under {@code /ledger}, authenticated with the SigV4 keys of the accounts file (see
 * {@link LedgerAuthenticator}) and limited to the caller's {@link AuditScopes scope}:
 * <ul>
 *   <li>{@code GET /ledger/handshakes/{id}/history}: the handshake's records, oldest first, as a JSON array;</li>
 *   <li>{@code GET /ledger/audit}: the records matching the filters, streamed as JSON lines, CloudTrail events or
 *   CSV, optionally paged with {@code after} and {@code limit};</li>
 *   <li>{@code GET /ledger/audit/verify}: the hash chain checked, and the trail against every signed digest (see
 *   {@link AuditDigests}), for auditors only.</li>
 * </ul>
 * Exports are written to the servlet output stream on the request's own thread, page by page: memory stays
 * constant however long the trail, and no asynchronous request timeout can cut a long export short.
 */
@RestController
@LedgerEndpoint
public class AuditController {
    static final String NEXT_AFTER = "X-Ledger-Next-After";

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);
    private static final Set<String> AUDIT_PARAMETERS = Set.of("organizationId", "accountId", "handshakeId", "from",
            "to", "format", "after", "limit");
    private static final Set<String> TIME_RANGE = Set.of("from", "to");

    private final LedgerAuthenticator authenticator;
    private final AuditScopes scopes;
    private final AuditTrailReader reader;
    private final AuditExports exports;
    private final AuditTrailAccess access;

    public AuditController(LedgerAuthenticator authenticator, AuditScopes scopes, AuditTrailReader reader,
                            AuditExports exports, AuditTrailAccess access) {
        this.authenticator = authenticator;
        this.scopes = scopes;
        this.reader = reader;
        this.exports = exports;
        this.access = access;
    }

    @GetMapping("/ledger/handshakes/{id}/history")
    public void history(@PathVariable("id") String id, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        new QueryParameters(http.getParameterMap(), Set.of());
        if (!HandshakeId.isValid(id)) {
            throw QueryParameters.invalid("id", id, "a handshake id such as h-0123456789abcdef0123456789abcdef");
        }
        AuditScope scope = scopes.of(caller);
        AuditFilter filter = new AuditFilter(null, null, id, null, null);
        AuditPage first = reader.page(filter, scope, 0, AuditTrailReader.PAGE);
        if (first.records().isEmpty()) {
            // the same answer whether the handshake is unknown or only not the caller's to see
            throw new LedgerException(LedgerError.HANDSHAKE_NOT_FOUND,
                    "No audit records of handshake " + id + " that you may see.");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        OutputStream out = response.getOutputStream();
        AuditTrailReader.RecordSink array = new AuditTrailReader.RecordSink() {
            private boolean first = true;

            @Override
            public void accept(AuditRecord record) throws IOException {
                out.write(first ? '[' : ',');
                out.write(exports.json().writeValueAsBytes(AuditRecordFields.of(record)));
                first = false;
            }

            @Override
            public void endOfPage() throws IOException {
                out.flush();
            }
        };
        try {
            for (AuditRecord record : first.records()) {
                array.accept(record);
            }
            array.endOfPage();
            if (first.more()) {
                long last = first.records().get(first.records().size() - 1).seq();
                reader.forEach(filter, scope, last, Long.MAX_VALUE, Long.MAX_VALUE, array);
            }
            out.write(']');
            out.flush();
        } catch (IOException e) {
            clientWentAway(e);
        }
    }

    @GetMapping("/ledger/audit")
    public void audit(HttpServletRequest http, HttpServletResponse response) throws IOException {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        QueryParameters parameters = new QueryParameters(http.getParameterMap(), AUDIT_PARAMETERS);
        Instant[] range = timeRange(parameters);
        AuditFilter filter = new AuditFilter(parameters.organizationId("organizationId"),
                parameters.accountId("accountId"), parameters.handshakeId("handshakeId"), range[0], range[1]);
        AuditExportFormat format = AuditExportFormat.parse(parameters.text("format"));
        Long afterParameter = parameters.nonNegativeLong("after");
        long after = afterParameter == null ? 0 : afterParameter;
        Integer limit = parameters.positiveInt("limit");
        AuditScope scope = scopes.of(caller);

        AuditTrailReader.Window window = limit == null ? null : reader.window(filter, scope, after, limit);
        response.setContentType(format.contentType());
        if (window != null && window.more()) {
            response.setHeader(NEXT_AFTER, Long.toString(window.lastSeq()));
        }
        try {
            AuditTrailReader.RecordSink sink = exports.writer(format, response.getOutputStream());
            if (window == null) {
                reader.forEach(filter, scope, after, Long.MAX_VALUE, Long.MAX_VALUE, sink);
            } else if (window.records() != null) {
                for (AuditRecord record : window.records()) {
                    sink.accept(record);
                }
                sink.endOfPage();
            } else {
                reader.forEach(filter, scope, after, limit, window.lastSeq(), sink);
            }
        } catch (IOException e) {
            clientWentAway(e);
        }
    }

    /** Walks the whole chain (or the records of a time range), so only an auditor may ask. */
    @GetMapping("/ledger/audit/verify")
    public ResponseEntity<byte[]> verify(HttpServletRequest http) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        if (!AuditScopes.isAuditor(caller)) {
            throw LedgerException.roleRequired("verify the audit trail: verifying reads every record of it.",
                    AuditScopes.AUDITOR);
        }
        Instant[] range = timeRange(new QueryParameters(http.getParameterMap(), TIME_RANGE));
        Map<String, Object> body = access.verify(range[0], range[1]);
        return LedgerResponses.json(HttpStatus.OK, body);
    }

    /** {@code from} and {@code to} (exclusive); {@code to} must come after {@code from}. */
    private static Instant[] timeRange(QueryParameters parameters) {
        Instant from = parameters.instant("from");
        Instant to = parameters.instant("to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw LedgerException.invalidParameter("to", "must be later than 'from' (it is exclusive).");
        }
        return new Instant[] {from, to};
    }


    private static void clientWentAway(IOException e) {
        log.debug("A /ledger client stopped reading: {}", e.toString());
    }
}
