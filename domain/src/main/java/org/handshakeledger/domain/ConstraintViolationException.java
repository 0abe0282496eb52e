package org.handshakeledger.domain;

/** An organization-level constraint refused the operation. */
public class ConstraintViolationException extends OrganizationsException {
    public ConstraintViolationException(String message, String reason) {
        super(message, reason);
    }
}
