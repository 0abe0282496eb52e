package org.handshakeledger.domain.handshake;

/** The kind of a handshake participant. */
public enum PartyType {
    ACCOUNT,
    ORGANIZATION,
    EMAIL
}
