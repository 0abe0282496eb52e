package org.handshakeledger.domain.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The account joins an organization; {@code acceptWhileMember} says what happens to the one it is in (if any). */
public record ClaimMembershipCommand(@TargetAggregateIdentifier AccountId accountId, OrganizationId organizationId,
                                     Instant at, AcceptWhileMember acceptWhileMember) {
}
