package org.handshakeledger.domain.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The organization let the account go (removed it, or was deleted). */
public record ReleaseMembershipCommand(@TargetAggregateIdentifier AccountId accountId, OrganizationId organizationId,
                                       Instant at) {
}
