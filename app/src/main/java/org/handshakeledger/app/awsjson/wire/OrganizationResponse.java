package org.handshakeledger.app.awsjson.wire;

/** The output of CreateOrganization and DescribeOrganization. */
public record OrganizationResponse(OrganizationShape organization) {
}
