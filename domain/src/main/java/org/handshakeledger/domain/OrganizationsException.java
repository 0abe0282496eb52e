package org.handshakeledger.domain;

/**
 * A business refusal that AWS Organizations models as an error shape. Subclasses are named after the shape; the
 * adapter renders {@link #errorCode()} as {@code __type} and {@link #reason()} as {@code Reason}.
 */
public abstract class OrganizationsException extends RuntimeException {
    private final String reason;

    protected OrganizationsException(String message) {
        this(message, null);
    }

    protected OrganizationsException(String message, String reason) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The AWS error shape name. */
    public String errorCode() {
        return getClass().getSimpleName();
    }

    /** The modeled Reason, or null for shapes that have none. */
    public String reason() {
        return reason;
    }
}
