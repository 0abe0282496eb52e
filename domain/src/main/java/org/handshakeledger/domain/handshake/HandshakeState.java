package org.handshakeledger.domain.handshake;

/** The lifecycle state of a handshake, spelled as AWS spells it. */
public enum HandshakeState {
    REQUESTED,
    OPEN,
    CANCELED,
    ACCEPTED,
    DECLINED,
    EXPIRED;

    public boolean isPending() {
        return this == REQUESTED || this == OPEN;
    }
}
