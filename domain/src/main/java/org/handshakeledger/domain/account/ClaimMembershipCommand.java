package org.handshakeledger.domain.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The account joins an organization, leaving the one it was in (if any and if it may). */
public record ClaimMembershipCommand(@TargetAggregateIdentifier AccountId accountId, OrganizationId organizationId,
                                     Instant at) {
}
