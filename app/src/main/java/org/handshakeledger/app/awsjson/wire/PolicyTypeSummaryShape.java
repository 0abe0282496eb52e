package org.handshakeledger.app.awsjson.wire;

/** {@code PolicyTypeSummary} on the wire. */
public record PolicyTypeSummaryShape(String type, String status) {
}
