package org.handshakeledger.domain.organization;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.OrganizationId;

/** What a handshake tells its recipient about the organization behind it. */
public record OrganizationProfile(OrganizationId id, AccountId managementAccountId, String managementEmail,
                                  String managementName, FeatureSet featureSet) {
    public OrganizationProfile withFeatureSet(FeatureSet newFeatureSet) {
        return new OrganizationProfile(id, managementAccountId, managementEmail, managementName, newFeatureSet);
    }
}
