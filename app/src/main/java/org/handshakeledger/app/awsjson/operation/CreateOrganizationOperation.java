package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.wire.CreateOrganizationRequest;
import org.handshakeledger.app.awsjson.wire.OrganizationResponse;
import org.handshakeledger.app.awsjson.wire.OrganizationShape;
import org.handshakeledger.app.config.IdGenerator;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.CreateOrganizationCommand;
import org.handshakeledger.projections.organization.GetOrganizationQuery;
import org.handshakeledger.projections.organization.OrganizationView;
import org.springframework.stereotype.Component;

/** CreateOrganization: a standalone caller becomes the management account of a new organization (ALL by default). */
@Component
class CreateOrganizationOperation implements AwsOperation {
    private final AwsJson json;
    private final LedgerGateway ledger;
    private final IdGenerator ids;

    CreateOrganizationOperation(AwsJson json, LedgerGateway ledger, IdGenerator ids) {
        this.json = json;
        this.ledger = ledger;
        this.ids = ids;
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String name() {
        return "CreateOrganization";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        CreateOrganizationRequest input = json.read(body, CreateOrganizationRequest.class);
        FeatureSet featureSet = input.featureSet() == null ? FeatureSet.ALL
                : Inputs.enumValue("FeatureSet", input.featureSet(), FeatureSet.class);
        OrganizationId id = ids.newOrganizationId();
        ledger.send(new CreateOrganizationCommand(request.callerId(), request.caller().email(),
                request.caller().name(), id, featureSet, request.now()));
        OrganizationView created = ledger.queryOptional(new GetOrganizationQuery(id.value()), OrganizationView.class)
                .orElseThrow(() -> new IllegalStateException("The new organization " + id + " is not in its view"));
        return new OrganizationResponse(OrganizationShape.of(created));
    }
}
