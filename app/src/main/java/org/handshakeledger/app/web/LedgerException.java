package org.handshakeledger.app.web;

/**
 * A {@code /ledger} request that gets an error answer; {@link LedgerErrorAdvice} writes it as
 * {@code {"__type": ..., "Message": ...}} with the reason's HTTP status.
 */
public class LedgerException extends RuntimeException {
    private final LedgerError reason;

    public LedgerException(LedgerError reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A query parameter or path segment that is malformed, unknown or repeated; the message names it. */
    public static LedgerException invalidParameter(String name, String problem) {
        return new LedgerException(LedgerError.INVALID_PARAMETER, "Invalid parameter '" + name + "': " + problem);
    }

    public static LedgerException accessDenied(String message) {
        return new LedgerException(LedgerError.ACCESS_DENIED, message);
    }

    /**
     * The refusal of a caller without any of {@code roles}: "Only an account with the role 'auditor' or 'operator'
     * may " and {@code mayWhat}, which ends the sentence ("see the mirror's status.").
     */
    public static LedgerException roleRequired(String mayWhat, String... roles) {
        return accessDenied("Only an account with the role '" + String.join("' or '", roles) + "' may " + mayWhat);
    }

    public LedgerError reason() {
        return reason;
    }
}
