package org.handshakeledger.app.awsjson.wire;

/** The input of ListTagsForResource. */
public record ListTagsForResourceRequest(String resourceId, String nextToken) {
}
