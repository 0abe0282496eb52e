package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The management account deletes its (otherwise empty) organization. */
public record DeleteOrganizationCommand(@TargetAggregateIdentifier OrganizationId organizationId, AccountId caller,
                                        Instant requestedAt) {
}
