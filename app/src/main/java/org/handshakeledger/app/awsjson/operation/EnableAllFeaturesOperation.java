package org.handshakeledger.app.awsjson.operation;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.wire.HandshakeResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.app.config.IdGenerator;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.EnableAllFeaturesCommand;
import org.springframework.stereotype.Component;

/** EnableAllFeatures: starts the flow of spec §7.2 and returns the ENABLE_ALL_FEATURES parent handshake. */
@Component
class EnableAllFeaturesOperation implements AwsOperation {
    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;
    private final IdGenerator ids;
    private final LedgerProperties properties;

    EnableAllFeaturesOperation(AwsJson json, Callers callers, LedgerGateway ledger, IdGenerator ids,
                               LedgerProperties properties) {
        this.json = json;
        this.callers = callers;
        this.ledger = ledger;
        this.ids = ids;
        this.properties = properties;
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String name() {
        return "EnableAllFeatures";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        json.read(body, Object.class);
        OrganizationId organization = new OrganizationId(callers.managedOrganizationOf(request));
        HandshakeId id = ids.newHandshakeId();
        LedgerProperties.Handshake lifetimes = properties.handshake();
        ledger.send(new EnableAllFeaturesCommand(id, organization, request.callerId(), request.now(),
                request.now().plus(lifetimes.allFeaturesExpiry()), lifetimes.retention()));
        return new HandshakeResponse(HandshakeShape.of(callers.visibleHandshake(id, request)));
    }
}
