package org.handshakeledger.app.awsjson.operation;

import java.util.Map;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.organization.DeleteOrganizationCommand;
import org.springframework.stereotype.Component;

/** DeleteOrganization: the management account of an organization without members. */
@Component
class DeleteOrganizationOperation implements AwsOperation {
    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;

    DeleteOrganizationOperation(AwsJson json, Callers callers, LedgerGateway ledger) {
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
        return "DeleteOrganization";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        json.read(body, Object.class);
        OrganizationId organization = new OrganizationId(callers.managedOrganizationOf(request));
        ledger.send(new DeleteOrganizationCommand(organization, request.callerId(), request.now()));
        return Map.of();
    }
}
