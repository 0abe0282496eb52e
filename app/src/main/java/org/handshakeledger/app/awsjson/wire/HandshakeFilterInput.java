package org.handshakeledger.app.awsjson.wire;

/** {@code HandshakeFilter}: at most one member may be set. */
public record HandshakeFilterInput(String actionType, String parentHandshakeId) {
}
