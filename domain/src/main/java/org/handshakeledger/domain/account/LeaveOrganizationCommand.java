package org.handshakeledger.domain.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;

/** A member account leaves its organization. */
public record LeaveOrganizationCommand(@TargetAggregateIdentifier AccountId caller, Instant requestedAt) {
}
