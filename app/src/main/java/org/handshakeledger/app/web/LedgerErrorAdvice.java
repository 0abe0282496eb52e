package org.handshakeledger.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auth.AuthenticationFailedException;
import org.handshakeledger.app.auth.TooManyRequestsException;
import org.handshakeledger.app.observability.ServedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one error contract of the {@code /ledger} endpoints (every controller marked {@link LedgerEndpoint}): a
 * refusal is {@code {"__type": ..., "Message": ...}} with its reason's status; a missing signature is 401 and a bad
 * one 403, with AWS's error code; a throttled request 429 with {@code Retry-After}; anything unexpected is a 500
 * {@code ServiceException} that names the request id, while its stack trace goes to the log only.
 */
@RestControllerAdvice(annotations = LedgerEndpoint.class)
public class LedgerErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(LedgerErrorAdvice.class);

    @ExceptionHandler(LedgerException.class)
    public ResponseEntity<byte[]> refused(LedgerException e, HttpServletRequest http) {
        return error(http, e.reason().status(), e.reason().type(), e.getMessage());
    }

    @ExceptionHandler(AuthenticationFailedException.class)
    public ResponseEntity<byte[]> unauthenticated(AuthenticationFailedException e, HttpServletRequest http) {
        HttpStatus status = AuthenticationFailedException.MISSING_AUTHENTICATION_TOKEN.equals(e.errorCode())
                ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        return error(http, status, e.errorCode(), e.getMessage());
    }

    /** 429 with the seconds until the account's next request would be admitted, at least 1. */
    @ExceptionHandler(TooManyRequestsException.class)
    public ResponseEntity<byte[]> throttled(TooManyRequestsException e, HttpServletRequest http) {
        ServedRequest.of(http).throttled(true);
        ResponseEntity<byte[]> error = error(http, LedgerError.TOO_MANY_REQUESTS.status(),
                LedgerError.TOO_MANY_REQUESTS.type(), e.getMessage());
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(error.getBody());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> failed(Exception e, HttpServletRequest http, HttpServletResponse response)
            throws Exception {
        String requestId = LedgerRequestHeaders.requestId(response);
        if (response.isCommitted()) {
            // part of an export or a stream is out: breaking the connection (which the container does for an
            // exception after the response was committed) is the only way left to tell the client
            log.warn("Ledger request {} failed after its response had started: {}", requestId, e.toString());
            throw e;
        }
        log.error("Ledger request {} failed unexpectedly", requestId, e);
        return error(http, LedgerError.INTERNAL.status(), LedgerError.INTERNAL.type(),
                "The ledger could not complete your request because of an internal error. (request " + requestId
                        + ")");
    }

    /** The error answer, its code also noted for the request log and the request metrics. */
    private static ResponseEntity<byte[]> error(HttpServletRequest http, HttpStatus status, String type,
                                                String message) {
        ServedRequest.of(http).errorCode(type);
        return LedgerResponses.error(status, type, message);
    }
}
