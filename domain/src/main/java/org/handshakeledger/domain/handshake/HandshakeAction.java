package org.handshakeledger.domain.handshake;

/** What accepting the handshake does. The ledger creates the first three; the others exist only in filters. */
public enum HandshakeAction {
    INVITE,
    ENABLE_ALL_FEATURES,
    APPROVE_ALL_FEATURES,
    ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE,
    TRANSFER_RESPONSIBILITY;

    /** The action segment of the handshake ARN. */
    public String arnSegment() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
