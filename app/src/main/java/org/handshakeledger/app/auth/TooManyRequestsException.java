package org.handshakeledger.app.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The calling account has used up its requests for now ({@link RequestThrottle}). The AWS endpoint answers it as AWS
 * does, HTTP 400 {@code TooManyRequestsException} "Rate exceeded", which the SDKs retry on their own as throttling;
 * the {@code /ledger} endpoints answer 429 with {@code Retry-After}.
 */
public class TooManyRequestsException extends RuntimeException {

    public static final String ERROR_CODE = "TooManyRequestsException";
    static final String MESSAGE = "Rate exceeded";

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        // thrown at the rate of a flood: no stack trace to fill, none would tell anything
        super(MESSAGE, null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until the account's next request would be admitted, if it makes no other. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
