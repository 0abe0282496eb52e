package org.handshakeledger.app.awsjson.wire;

/** The input of CreateOrganization. */
public record CreateOrganizationRequest(String featureSet) {
}
