package org.handshakeledger.domain.handshake;

import org.handshakeledger.domain.OrganizationsException;

/** A quota or organization rule refused the handshake operation; the reason says which. */
public class HandshakeConstraintViolationException extends OrganizationsException {
    public static final String ACCOUNT_NUMBER_LIMIT_EXCEEDED = "ACCOUNT_NUMBER_LIMIT_EXCEEDED";
    public static final String HANDSHAKE_RATE_LIMIT_EXCEEDED = "HANDSHAKE_RATE_LIMIT_EXCEEDED";
    public static final String ALREADY_IN_AN_ORGANIZATION = "ALREADY_IN_AN_ORGANIZATION";
    public static final String ORGANIZATION_ALREADY_HAS_ALL_FEATURES = "ORGANIZATION_ALREADY_HAS_ALL_FEATURES";
    public static final String ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION =
            "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION";
    public static final String INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES =
            "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES";

    public HandshakeConstraintViolationException(String message, String reason) {
        super(message, reason);
    }
}
