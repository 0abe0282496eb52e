package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The management account removes a member account. */
public record RemoveAccountFromOrganizationCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                                   AccountId caller, AccountId member, Instant requestedAt) {
}
