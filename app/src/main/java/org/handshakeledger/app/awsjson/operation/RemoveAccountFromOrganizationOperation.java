package org.handshakeledger.app.awsjson.operation;

import java.util.Map;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.wire.RemoveAccountFromOrganizationRequest;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.organization.RemoveAccountFromOrganizationCommand;
import org.springframework.stereotype.Component;

/** RemoveAccountFromOrganization: the management account removes a member. */
@Component
class RemoveAccountFromOrganizationOperation implements AwsOperation {
    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;

    RemoveAccountFromOrganizationOperation(AwsJson json, Callers callers, LedgerGateway ledger) {
        this.json = json;
        this.callers = callers;
        this.ledger = ledger;
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String name() {
        return "RemoveAccountFromOrganization";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        RemoveAccountFromOrganizationRequest input = json.read(body, RemoveAccountFromOrganizationRequest.class);
        AccountId member = new AccountId(Inputs.accountId("AccountId", input.accountId()));
        OrganizationId organization = new OrganizationId(callers.managedOrganizationOf(request));
        ledger.send(new RemoveAccountFromOrganizationCommand(organization, request.callerId(), member,
                request.now()));
        return Map.of();
    }
}
