package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.handshake.CancelHandshakeCommand;
import org.springframework.stereotype.Component;

/** CancelHandshake: only the originator (the management account) may. */
@Component
class CancelHandshakeOperation extends HandshakeMutation {
    CancelHandshakeOperation(AwsJson json, Callers callers, LedgerGateway ledger) {
        super(json, callers, ledger, (id, request) -> new CancelHandshakeCommand(id, request.callerId(),
                request.now()));
    }

    @Override
    public String name() {
        return "CancelHandshake";
    }
}
