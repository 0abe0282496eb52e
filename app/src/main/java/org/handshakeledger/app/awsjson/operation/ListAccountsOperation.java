package org.handshakeledger.app.awsjson.operation;

import java.util.List;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.NextTokens;
import org.handshakeledger.app.awsjson.wire.AccountShape;
import org.handshakeledger.app.awsjson.wire.ListAccountsRequest;
import org.handshakeledger.app.awsjson.wire.ListAccountsResponse;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.organization.AccountPage;
import org.handshakeledger.projections.organization.ListAccountsQuery;
import org.springframework.stereotype.Component;

/** ListAccounts: the management account pages through its organization's accounts, by account id. */
@Component
class ListAccountsOperation implements AwsOperation {
    private final AwsJson json;
    private final NextTokens tokens;
    private final Callers callers;
    private final LedgerGateway ledger;

    ListAccountsOperation(AwsJson json, NextTokens tokens, Callers callers, LedgerGateway ledger) {
        this.json = json;
        this.tokens = tokens;
        this.callers = callers;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "ListAccounts";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        ListAccountsRequest input = json.read(body, ListAccountsRequest.class);
        Inputs.nextToken(input.nextToken());
        int size = Inputs.maxResults(input.maxResults());
        NextTokens.Scope scope = new NextTokens.Scope(name(), request.caller().id(), "");
        List<String> after = tokens.decode(scope, input.nextToken(), 1);
        String organization = callers.managedOrganizationOf(request);
        AccountPage page = ledger.query(new ListAccountsQuery(organization, after == null ? null : after.get(0),
                size), AccountPage.class);
        String nextToken = page.more()
                ? tokens.encode(scope, List.of(page.accounts().get(page.accounts().size() - 1).id()))
                : null;
        return new ListAccountsResponse(page.accounts().stream().map(AccountShape::of).toList(), nextToken);
    }
}
