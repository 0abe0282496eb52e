package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** Frees the account slot of an invitation that was declined, canceled or expired. */
public record ReleaseInvitationCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                       HandshakeId handshakeId, Instant at) {
}
