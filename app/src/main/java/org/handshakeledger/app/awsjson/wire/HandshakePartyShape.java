package org.handshakeledger.app.awsjson.wire;

/** {@code HandshakeParty} on the wire. */
public record HandshakePartyShape(String id, String type) {
}
