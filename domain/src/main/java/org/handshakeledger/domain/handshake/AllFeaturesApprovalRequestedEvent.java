package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * An APPROVE_ALL_FEATURES child handshake was sent to an invited member; it is OPEN. It expires with its parent, so
 * {@code expiryScheduleId} is null (kept for the event's shape shared with the other creation events).
 */
public record AllFeaturesApprovalRequestedEvent(HandshakeId handshakeId, HandshakeId parentId,
                                                OrganizationProfile organization, AccountId member,
                                                Instant requestedAt, Instant expiresAt, Duration retention,
                                                String expiryScheduleId) {
}
