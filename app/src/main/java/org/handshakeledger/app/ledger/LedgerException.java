package org.handshakeledger.app.ledger;

import org.springframework.http.HttpStatus;

/**
 * A {@code /ledger} request that gets an error answer: the HTTP status and the {@code __type} of the small JSON
 * error body {@code {"__type": ..., "Message": ...}}.
 */
public class LedgerException extends RuntimeException {
    private final HttpStatus status;
    private final String type;

    public LedgerException(HttpStatus status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    /** A query parameter or path segment that is malformed, unknown or repeated; the message names it. */
    public static LedgerException invalidParameter(String name, String problem) {
        return new LedgerException(HttpStatus.BAD_REQUEST, "InvalidInputException",
                "Invalid parameter '" + name + "': " + problem);
    }

    public static LedgerException accessDenied(String message) {
        return new LedgerException(HttpStatus.FORBIDDEN, "AccessDeniedException", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
