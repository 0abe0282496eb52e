package org.handshakeledger.app.awsjson.wire;

/** The input of RemoveAccountFromOrganization. */
public record RemoveAccountFromOrganizationRequest(String accountId) {
}
