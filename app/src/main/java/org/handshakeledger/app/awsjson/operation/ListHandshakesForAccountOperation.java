package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.NextTokens;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.handshake.HandshakeFilter;
import org.handshakeledger.projections.handshake.HandshakePage;
import org.handshakeledger.projections.handshake.ListHandshakesForAccountQuery;
import org.handshakeledger.projections.handshake.PageRequest;
import org.springframework.stereotype.Component;

/** ListHandshakesForAccount: what the caller received; standalone accounts may call it. */
@Component
class ListHandshakesForAccountOperation extends HandshakeListing {
    private final Callers callers;
    private final LedgerGateway ledger;

    ListHandshakesForAccountOperation(AwsJson json, NextTokens tokens, Callers callers, LedgerGateway ledger) {
        super(json, tokens);
        this.callers = callers;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "ListHandshakesForAccount";
    }

    @Override
    HandshakePage page(AwsRequest request, HandshakeFilter filter, PageRequest page) {
        boolean management = callers.membership(request).management();
        return ledger.query(new ListHandshakesForAccountQuery(request.caller().id(), request.caller().email(),
                management, filter, page, request.now()), HandshakePage.class);
    }
}
