package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** An invitation was declined, canceled or expired and gave its account slot back. */
public record InvitationReleasedEvent(OrganizationId organizationId, HandshakeId handshakeId, Instant releasedAt) {
}
