package org.handshakeledger.projections.organization;

/** An organization as DescribeOrganization returns it. */
public record OrganizationView(String id, String arn, String featureSet, String managementAccountArn,
                               String managementAccountId, String managementAccountEmail) {
}
