package org.handshakeledger.app.awsjson.wire;

/** The input of Accept, Decline, Cancel and DescribeHandshake. */
public record HandshakeIdRequest(String handshakeId) {
}
