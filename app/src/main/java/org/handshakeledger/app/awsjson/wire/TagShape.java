package org.handshakeledger.app.awsjson.wire;

/** {@code Tag} on the wire. */
public record TagShape(String key, String value) {
}
