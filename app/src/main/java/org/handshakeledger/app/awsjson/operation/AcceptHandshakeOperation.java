package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.handshake.AcceptHandshakeCommand;
import org.springframework.stereotype.Component;

/** AcceptHandshake: the recipient joins (INVITE) or approves; management finishes enabling all features. */
@Component
class AcceptHandshakeOperation extends HandshakeMutation {
    AcceptHandshakeOperation(AwsJson json, Callers callers, LedgerGateway ledger, LedgerProperties properties) {
        super(json, callers, ledger, (id, request) -> new AcceptHandshakeCommand(id, request.callerId(),
                request.caller().email(), request.caller().name(), request.now(),
                properties.handshake().acceptWhileMember()));
    }

    @Override
    public String name() {
        return "AcceptHandshake";
    }
}
