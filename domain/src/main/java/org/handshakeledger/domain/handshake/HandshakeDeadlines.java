package org.handshakeledger.domain.handshake;

/** Names of the deadlines a handshake schedules. */
public final class HandshakeDeadlines {
    public static final String EXPIRY = "handshake-expiry";
    public static final String RETENTION = "handshake-retention";

    private HandshakeDeadlines() {
    }
}
