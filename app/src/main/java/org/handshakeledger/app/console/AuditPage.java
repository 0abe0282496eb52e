package org.handshakeledger.app.console;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auditor.AuditScopes;
import org.handshakeledger.app.auditor.AuditTrailAccess;
import org.handshakeledger.app.auditor.digest.AuditDigest;
import org.handshakeledger.app.auditor.digest.AuditDigests;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.projections.audit.AuditFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail for download, in each format of {@code GET /ledger/audit} and within the account's scope; for
 * auditors, the verification of the hash chain and of the signed digests (started by a button: it reads every
 * record), and the latest signed digest.
 */
@Controller
class AuditPage {
    private static final Logger log = LoggerFactory.getLogger(AuditPage.class);

    private final ConsoleCallers callers;
    private final AuditTrailAccess trail;
    private final AuditDigests digests;
    private final Clock clock;

    AuditPage(ConsoleCallers callers, AuditTrailAccess trail, AuditDigests digests, Clock clock) {
        this.callers = callers;
        this.trail = trail;
        this.digests = digests;
        this.clock = clock;
    }

    @GetMapping("/console/audit")
    String audit(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("formats", AuditTrailAccess.formats());
        if (AuditScopes.isAuditor(callers.of(user))) {
            List<AuditDigest> latest = digests.newestFirst(Long.MAX_VALUE, 1);
            model.addAttribute("digest", latest.isEmpty() ? null : latest.get(0));
            model.addAttribute("keyId", digests.key().keyId());
        }
        return "console/audit";
    }

    @PostMapping("/console/audit/verify")
    String verify(@AuthenticationPrincipal ConsoleUser user, Model model, HttpServletResponse response) {
        AuthenticatedCaller caller = callers.of(user);
        if (!AuditScopes.isAuditor(caller)) {
            return ConsoleAdvice.errorPage(HttpStatus.FORBIDDEN, "Only an account with the role 'auditor' may "
                    + "verify the audit trail: verifying reads every record of it.", response, model);
        }
        long started = System.nanoTime();
        Map<String, Object> verification = trail.verify(null, null);
        model.addAttribute("verification", verification);
        model.addAttribute("verifiedAt", clock.instant().truncatedTo(ChronoUnit.SECONDS));
        model.addAttribute("verifyMillis", (System.nanoTime() - started) / 1_000_000);
        log.info("Audit trail verified from the console by account {}: {}", caller.accountId(), verification);
        return audit(user, model);
    }

    @GetMapping("/console/audit/export")
    void export(@AuthenticationPrincipal ConsoleUser user,
                @RequestParam(name = "format", defaultValue = "jsonl") String format,
                @RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "to", required = false) String to,
                @RequestParam(name = "handshakeId", required = false) String handshakeId,
                HttpServletResponse response) throws IOException {
        AuthenticatedCaller caller = callers.of(user);
        if (!AuditTrailAccess.formats().contains(format)) {
            throw ConsoleProblem.badInput("'format' must be one of " + AuditTrailAccess.formats() + ".");
        }
        String handshake = blankToNull(handshakeId);
        if (handshake != null && !HandshakeId.isValid(handshake)) {
            throw ConsoleProblem.badInput("'" + handshake + "' is not a handshake id.");
        }
        Instant start = ConsoleDates.from("from", from);
        Instant end = ConsoleDates.through("to", to);
        ConsoleDates.requireOrdered(start, end);
        String file = "audit-trail-" + clock.instant().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")
                + AuditTrailAccess.fileSuffix(format);
        response.setContentType(AuditTrailAccess.contentType(format));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file).build().toString());
        OutputStream out = response.getOutputStream();
        trail.export(caller, new AuditFilter(null, null, handshake, start, end), format, out);
        out.flush();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
