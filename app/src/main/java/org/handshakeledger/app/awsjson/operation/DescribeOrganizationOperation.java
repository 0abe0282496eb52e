package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.wire.OrganizationResponse;
import org.handshakeledger.app.awsjson.wire.OrganizationShape;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.projections.organization.GetOrganizationQuery;
import org.handshakeledger.projections.organization.OrganizationView;
import org.springframework.stereotype.Component;

/** DescribeOrganization: any account of the organization. */
@Component
class DescribeOrganizationOperation implements AwsOperation {
    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;

    DescribeOrganizationOperation(AwsJson json, Callers callers, LedgerGateway ledger) {
        this.json = json;
        this.callers = callers;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "DescribeOrganization";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        json.read(body, Object.class);
        String organization = callers.organizationOf(request);
        OrganizationView view = ledger.queryOptional(new GetOrganizationQuery(organization), OrganizationView.class)
                .orElseThrow(AwsOrganizationsNotInUseException::new);
        return new OrganizationResponse(OrganizationShape.of(view));
    }
}
