package org.handshakeledger.app.awsjson.wire;

/** The output of every operation that returns one handshake. */
public record HandshakeResponse(HandshakeShape handshake) {
}
