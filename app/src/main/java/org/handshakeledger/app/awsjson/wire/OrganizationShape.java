package org.handshakeledger.app.awsjson.wire;

import java.util.List;

import org.handshakeledger.projections.organization.OrganizationView;

/** {@code Organization} on the wire. All features bring service control policies, enabled. */
public record OrganizationShape(String id, String arn, String featureSet, String masterAccountArn,
                                String masterAccountId, String masterAccountEmail,
                                List<PolicyTypeSummaryShape> availablePolicyTypes) {
    public static OrganizationShape of(OrganizationView view) {
        List<PolicyTypeSummaryShape> policies = "ALL".equals(view.featureSet())
                ? List.of(new PolicyTypeSummaryShape("SERVICE_CONTROL_POLICY", "ENABLED"))
                : List.of();
        return new OrganizationShape(view.id(), view.arn(), view.featureSet(), view.managementAccountArn(),
                view.managementAccountId(), view.managementAccountEmail(), policies);
    }
}
