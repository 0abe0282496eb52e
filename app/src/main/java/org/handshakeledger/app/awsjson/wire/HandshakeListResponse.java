package org.handshakeledger.app.awsjson.wire;

import java.util.List;

/** The output of ListHandshakesForAccount and ListHandshakesForOrganization. */
public record HandshakeListResponse(List<HandshakeShape> handshakes, String nextToken) {
}
