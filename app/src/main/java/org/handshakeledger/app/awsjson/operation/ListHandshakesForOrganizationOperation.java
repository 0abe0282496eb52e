package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.NextTokens;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.handshake.HandshakeFilter;
import org.handshakeledger.projections.handshake.HandshakePage;
import org.handshakeledger.projections.handshake.ListHandshakesForOrganizationQuery;
import org.handshakeledger.projections.handshake.PageRequest;
import org.springframework.stereotype.Component;

/** ListHandshakesForOrganization: everything the caller's organization sent; management only. */
@Component
class ListHandshakesForOrganizationOperation extends HandshakeListing {
    private final Callers callers;
    private final LedgerGateway ledger;

    ListHandshakesForOrganizationOperation(AwsJson json, NextTokens tokens, Callers callers, LedgerGateway ledger) {
        super(json, tokens);
        this.callers = callers;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "ListHandshakesForOrganization";
    }

    @Override
    HandshakePage page(AwsRequest request, HandshakeFilter filter, PageRequest page) {
        String organization = callers.managedOrganizationOf(request);
        return ledger.query(new ListHandshakesForOrganizationQuery(organization, filter, page, request.now()),
                HandshakePage.class);
    }
}
