package org.handshakeledger.app.awsjson.wire;

/** The input of both ListHandshakesFor* operations. */
public record ListHandshakesRequest(HandshakeFilterInput filter, String nextToken, Integer maxResults) {
}
