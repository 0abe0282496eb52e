package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.wire.HandshakeIdRequest;
import org.handshakeledger.app.awsjson.wire.HandshakeResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.springframework.stereotype.Component;

/** DescribeHandshake: for the originating organization's accounts and the recipient. */
@Component
class DescribeHandshakeOperation implements AwsOperation {
    private final AwsJson json;
    private final Callers callers;

    DescribeHandshakeOperation(AwsJson json, Callers callers) {
        this.json = json;
        this.callers = callers;
    }

    @Override
    public String name() {
        return "DescribeHandshake";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        var id = Inputs.handshakeId("HandshakeId", json.read(body, HandshakeIdRequest.class).handshakeId());
        return new HandshakeResponse(HandshakeShape.of(callers.visibleHandshake(id, request)));
    }
}
