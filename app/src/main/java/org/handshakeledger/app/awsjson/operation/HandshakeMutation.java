package org.handshakeledger.app.awsjson.operation;

import java.util.function.BiFunction;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.wire.HandshakeIdRequest;
import org.handshakeledger.app.awsjson.wire.HandshakeResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.HandshakeId;

/**
 * Accept, Decline and Cancel share one shape (spec §3.10 order): validate the id, make sure the caller may see the
 * handshake (else HandshakeNotFoundException), let the aggregate check role and state, answer with the new view.
 */
abstract class HandshakeMutation implements AwsOperation {
    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;
    private final BiFunction<HandshakeId, AwsRequest, Object> command;

    HandshakeMutation(AwsJson json, Callers callers, LedgerGateway ledger,
                      BiFunction<HandshakeId, AwsRequest, Object> command) {
        this.json = json;
        this.callers = callers;
        this.ledger = ledger;
        this.command = command;
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        HandshakeId id = Inputs.handshakeId("HandshakeId", json.read(body, HandshakeIdRequest.class).handshakeId());
        callers.visibleHandshake(id, request);
        ledger.send(command.apply(id, request));
        return new HandshakeResponse(HandshakeShape.of(callers.visibleHandshake(id, request)));
    }
}
