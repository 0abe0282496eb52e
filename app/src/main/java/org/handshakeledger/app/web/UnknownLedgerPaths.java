package org.handshakeledger.app.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anything under {@code /ledger} that no endpoint serves, and the read-only endpoints asked with another method.
 * Authenticated first, so that probing without a key learns nothing about which paths exist.
 */
@RestController
@LedgerEndpoint
public class UnknownLedgerPaths {
    private static final Pattern GET_ONLY_PATHS = Pattern.compile(
            "/ledger/audit|/ledger/audit/verify|/ledger/audit/public-key|/ledger/events"
                    + "|/ledger/handshakes/[^/]+|/ledger/handshakes/[^/]+/history"
                    + "|/ledger/organizations/[^/]+/handshakes");
    private static final Pattern GET_OR_POST_PATHS = Pattern.compile("/ledger/audit/digests");

    private final LedgerAuthenticator authenticator;

    public UnknownLedgerPaths(LedgerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @RequestMapping("/ledger/**")
    public void elsewhere(HttpServletRequest http, HttpServletResponse response) {
        authenticator.authenticate(http);
        if (GET_ONLY_PATHS.matcher(http.getRequestURI()).matches()) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
            throw new LedgerException(LedgerError.METHOD_NOT_ALLOWED,
                    http.getMethod() + " is not supported here; use GET.");
        }
        if (GET_OR_POST_PATHS.matcher(http.getRequestURI()).matches()) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST");
            throw new LedgerException(LedgerError.METHOD_NOT_ALLOWED,
                    http.getMethod() + " is not supported here; use GET or POST.");
        }
        throw new LedgerException(LedgerError.NO_SUCH_ENDPOINT,
                "There is no ledger endpoint " + http.getMethod() + " " + http.getRequestURI() + ".");
    }
}
