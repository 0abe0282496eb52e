package org.handshakeledger.domain.account;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.OrganizationId;

/** A standalone account creates an organization and becomes its management account. */
public record CreateOrganizationCommand(AccountId caller, String callerEmail,
                                        String callerName, OrganizationId organizationId, FeatureSet featureSet,
                                        Instant requestedAt) {
}
