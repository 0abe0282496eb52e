package org.handshakeledger.projections.handshake;

/** The resource types a handshake created by the ledger can carry. */
public enum HandshakeResourceType {
    ACCOUNT,
    ORGANIZATION,
    ORGANIZATION_FEATURE_SET,
    EMAIL,
    MASTER_EMAIL,
    MASTER_NAME,
    NOTES,
    PARENT_HANDSHAKE
}
