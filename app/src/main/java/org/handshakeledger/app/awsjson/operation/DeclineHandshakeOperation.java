package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.handshake.DeclineHandshakeCommand;
import org.springframework.stereotype.Component;

/** DeclineHandshake: only the recipient may. */
@Component
class DeclineHandshakeOperation extends HandshakeMutation {
    DeclineHandshakeOperation(AwsJson json, Callers callers, LedgerGateway ledger) {
        super(json, callers, ledger, (id, request) -> new DeclineHandshakeCommand(id, request.callerId(),
                request.caller().email(), request.now()));
    }

    @Override
    public String name() {
        return "DeclineHandshake";
    }
}
