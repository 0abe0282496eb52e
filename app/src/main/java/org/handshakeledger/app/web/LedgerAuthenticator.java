package org.handshakeledger.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;

import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.RequestThrottle;
import org.handshakeledger.app.auth.SigV4Verifier;
import org.handshakeledger.app.observability.ServedRequest;
import org.springframework.stereotype.Component;

/**
 * Authenticates a {@code /ledger} request with the SigV4 keys of the accounts file, exactly like the AWS endpoint
 * (service {@code organizations}, any region), so {@code curl --aws-sigv4 "aws:amz:us-east-1:organizations"}
 * works. A failure is thrown as the AWS endpoint's {@code AuthenticationFailedException}; {@link LedgerErrorAdvice}
 * answers no {@code Authorization} header with 401 and any other failure (unknown key, bad signature, stale date)
 * with 403. An authenticated caller then takes a request from its account's budget ({@link RequestThrottle}, off
 * unless configured), the one the AWS endpoint takes from too, since the {@code /ledger} endpoints (exports,
 * checksums, rebuilds) cost more than any AWS call; over it, {@link LedgerErrorAdvice} answers 429.
 */
@Component
public class LedgerAuthenticator {
    // a /ledger request carries no body; a signed one may, but it never needs to be large
    private static final int MAX_BODY = 64 * 1024;

    private final SigV4Verifier verifier;
    private final RequestThrottle throttle;

    public LedgerAuthenticator(SigV4Verifier verifier, RequestThrottle throttle) {
        this.verifier = verifier;
        this.throttle = throttle;
    }

    public AuthenticatedCaller authenticate(HttpServletRequest http) {
        AuthenticatedCaller caller = verifier.verify(http, body(http));
        ServedRequest.of(http).callerAccountId(caller.accountId());
        throttle.admit(caller);
        return caller;
    }

    private static byte[] body(HttpServletRequest http) {
        try {
            byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new LedgerException(LedgerError.BODY_NOT_EXPECTED,
                        "A /ledger request takes its parameters in the query string, not in a body.");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
