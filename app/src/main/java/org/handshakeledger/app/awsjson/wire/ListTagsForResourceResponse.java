package org.handshakeledger.app.awsjson.wire;

import java.util.List;

/** The output of ListTagsForResource. */
public record ListTagsForResourceResponse(List<TagShape> tags) {
}
