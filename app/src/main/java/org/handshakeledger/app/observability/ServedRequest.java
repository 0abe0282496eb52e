package org.handshakeledger.app.observability;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the request log and the request metrics learn about one HTTP request while it is served: its id (the
 * {@code x-amzn-RequestId} its caller gets), the AWS operation, the calling account and the AWS error code. The
 * {@link RequestLogFilter} creates it before anything else runs; the AWS endpoint and the {@code /ledger} endpoints
 * fill in what they find out.
 */
public final class ServedRequest {
    private static final String ATTRIBUTE = ServedRequest.class.getName();

    private final String requestId;
    private final long startNanos;
    private volatile String operation;
    private volatile String callerAccountId;
    private volatile String errorCode;
    private volatile boolean throttled;

    ServedRequest(String requestId, long startNanos) {
        this.requestId = requestId;
        this.startNanos = startNanos;
    }

    static ServedRequest start(HttpServletRequest http) {
        ServedRequest served = new ServedRequest(UUID.randomUUID().toString(), System.nanoTime());
        http.setAttribute(ATTRIBUTE, served);
        return served;
    }

    /** The request being served; one is made up if the filter did not run (a unit test calling a controller). */
    public static ServedRequest of(HttpServletRequest http) {
        Object served = http.getAttribute(ATTRIBUTE);
        return served instanceof ServedRequest s ? s : start(http);
    }

    public String requestId() {
        return requestId;
    }

    long startNanos() {
        return startNanos;
    }

    /** The AWS operation (e.g. {@code AcceptHandshake}) once the target header named a known one. */
    public String operation() {
        return operation;
    }

    public void operation(String operation) {
        this.operation = operation;
    }

    /** The account whose signature checked out; {@code null} before (or when it did not). */
    public String callerAccountId() {
        return callerAccountId;
    }

    public void callerAccountId(String callerAccountId) {
        this.callerAccountId = callerAccountId;
    }

    /** The AWS error code ({@code __type}) or the ledger's error code the caller got; {@code null} on success. */
    public String errorCode() {
        return errorCode;
    }

    public void errorCode(String errorCode) {
        this.errorCode = errorCode;
    }

    /** Whether the request was refused by the throttle ({@code TooManyRequestsException}). */
    public boolean throttled() {
        return throttled;
    }

    public void throttled(boolean throttled) {
        this.throttled = throttled;
    }
}
