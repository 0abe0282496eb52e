package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** A member account left on its own, or moved to another organization by accepting its invitation. */
public record RemoveDepartingMemberCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                           AccountId member, DepartureReason reason, Instant at) {
}
