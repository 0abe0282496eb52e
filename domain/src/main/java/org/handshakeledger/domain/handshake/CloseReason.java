package org.handshakeledger.domain.handshake;

/** Why a handshake was canceled or expired. */
public enum CloseReason {
    CANCELED_BY_ORIGINATOR,
    EXPIRED,
    ALL_FEATURES_MIGRATION_STARTED,
    ALL_FEATURES_REQUEST_CANCELED,
    ALL_FEATURES_REQUEST_EXPIRED,
    MEMBER_LEFT_ORGANIZATION,
    ORGANIZATION_DELETED
}
