package org.handshakeledger.app.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;

import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.AuthenticationFailedException;
import org.handshakeledger.app.auth.SigV4Verifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Authenticates a {@code /ledger} request with the SigV4 keys of the accounts file, exactly like the AWS endpoint
 * (service {@code organizations}, any region), so {@code curl --aws-sigv4 "aws:amz:us-east-1:organizations"}
 * works. No {@code Authorization} header is 401; any other failure (unknown key, bad signature, stale date) is 403.
 */
@Component
public class LedgerAuthenticator {
    // a /ledger request carries no body; a signed one may, but it never needs to be large
    private static final int MAX_BODY = 64 * 1024;

    private final SigV4Verifier verifier;

    public LedgerAuthenticator(SigV4Verifier verifier) {
        this.verifier = verifier;
    }

    public AuthenticatedCaller authenticate(HttpServletRequest http) {
        byte[] body = body(http);
        try {
            return verifier.verify(http, body);
        } catch (AuthenticationFailedException e) {
            HttpStatus status = AuthenticationFailedException.MISSING_AUTHENTICATION_TOKEN.equals(e.errorCode())
                    ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
            throw new LedgerException(status, e.errorCode(), e.getMessage());
        }
    }

    private static byte[] body(HttpServletRequest http) {
        try {
            byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new LedgerException(HttpStatus.PAYLOAD_TOO_LARGE, "InvalidInputException",
                        "A /ledger request takes its parameters in the query string, not in a body.");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
