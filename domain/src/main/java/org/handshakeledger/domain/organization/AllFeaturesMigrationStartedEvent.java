package org.handshakeledger.domain.organization;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** Enabling all features began: invited members must approve, and open invitations are withdrawn. */
public record AllFeaturesMigrationStartedEvent(OrganizationId organizationId, HandshakeId parentId,
                                               List<AccountId> invitedMembers,
                                               List<HandshakeId> withdrawnInvitations, Instant startedAt,
                                               Instant expiresAt) {
}
