package org.handshakeledger.app.auditor.digest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auditor.AuditScopes;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.operator.ProjectionsController;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.LedgerResponses;
import org.handshakeledger.app.web.QueryParameters;
import org.handshakeledger.projections.audit.AuditChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed digests of the audit trail:
 * <ul>
 *   <li>{@code POST /ledger/audit/digests}: signs one now (auditors and operators), answered 201 with it;</li>
 *   <li>{@code GET /ledger/audit/digests}: lists them newest first, {@code limit} at a time (default 100) before
 *   the digest numbered {@code before}; {@value #NEXT_BEFORE} names the next page (auditors);</li>
 *   <li>{@code GET /ledger/audit/public-key}: the key that verifies them, as PEM (any account).</li>
 * </ul>
 */
@RestController
@LedgerEndpoint
class AuditDigestController {
    static final String NEXT_BEFORE = "X-Ledger-Next-Before";
    static final String KEY_ID = "X-Ledger-Key-Id";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final MediaType PEM = new MediaType("application", "x-pem-file");

    private final LedgerAuthenticator authenticator;
    private final AuditDigests digests;

    AuditDigestController(LedgerAuthenticator authenticator, AuditDigests digests) {
        this.authenticator = authenticator;
        this.digests = digests;
    }

    @PostMapping("/ledger/audit/digests")
    ResponseEntity<byte[]> sign(HttpServletRequest http) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        new QueryParameters(http.getParameterMap(), Set.of());
        if (!caller.account().hasAnyRole(AuditScopes.AUDITOR, ProjectionsController.OPERATOR)) {
            throw LedgerException.roleRequired("have the audit trail signed.", AuditScopes.AUDITOR,
                    ProjectionsController.OPERATOR);
        }
        return LedgerResponses.json(HttpStatus.CREATED, fields(digests.signNow()));
    }

    @GetMapping("/ledger/audit/digests")
    ResponseEntity<byte[]> list(HttpServletRequest http, HttpServletResponse response) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        QueryParameters parameters = new QueryParameters(http.getParameterMap(), Set.of("limit", "before"));
        if (!AuditScopes.isAuditor(caller)) {
            throw LedgerException.roleRequired("read the audit digests: they describe the whole trail.",
                    AuditScopes.AUDITOR);
        }
        Integer limitParameter = parameters.positiveInt("limit");
        int limit = limitParameter == null ? DEFAULT_LIMIT : limitParameter;
        if (limit > MAX_LIMIT) {
            throw LedgerException.invalidParameter("limit", "must be at most " + MAX_LIMIT + ".");
        }
        Long beforeParameter = parameters.nonNegativeLong("before");
        long before = beforeParameter == null ? Long.MAX_VALUE : beforeParameter;
        List<AuditDigest> page = digests.newestFirst(before, limit + 1);
        if (page.size() > limit) {
            response.setHeader(NEXT_BEFORE, Long.toString(page.get(limit - 1).sequence()));
        }
        return LedgerResponses.json(HttpStatus.OK,
                page.stream().limit(limit).map(AuditDigestController::fields).toList());
    }

    @GetMapping("/ledger/audit/public-key")
    ResponseEntity<byte[]> publicKey(HttpServletRequest http) {
        authenticator.authenticate(http);
        new QueryParameters(http.getParameterMap(), Set.of());
        AuditSigningKey key = digests.key();
        return ResponseEntity.ok().contentType(PEM).header(KEY_ID, key.keyId())
                .body(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** A digest as the endpoints show it: its values, the text that was signed, and the base64 signature. */
    static Map<String, Object> fields(AuditDigest digest) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", digest.sequence());
        fields.put("lastSeq", digest.lastSeq());
        fields.put("lastHash", digest.lastHash());
        fields.put("recordCount", digest.recordCount());
        fields.put("time", AuditChain.TIME.format(digest.time()));
        fields.put("keyId", digest.keyId());
        fields.put("algorithm", digest.algorithm());
        fields.put("previousSignature", digest.previousSignature());
        fields.put("signingString", digest.signingString());
        fields.put("signature", digest.signature());
        return fields;
    }
}
