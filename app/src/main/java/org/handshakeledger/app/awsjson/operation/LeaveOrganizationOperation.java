package org.handshakeledger.app.awsjson.operation;

import java.util.Map;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.account.LeaveOrganizationCommand;
import org.springframework.stereotype.Component;

/** LeaveOrganization: a member leaves; management gets MasterCannotLeaveOrganizationException. */
@Component
class LeaveOrganizationOperation implements AwsOperation {
    private final AwsJson json;
    private final LedgerGateway ledger;

    LeaveOrganizationOperation(AwsJson json, LedgerGateway ledger) {
        this.json = json;
        this.ledger = ledger;
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String name() {
        return "LeaveOrganization";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        json.read(body, Object.class);
        ledger.send(new LeaveOrganizationCommand(request.callerId(), request.now()));
        return Map.of();
    }
}
