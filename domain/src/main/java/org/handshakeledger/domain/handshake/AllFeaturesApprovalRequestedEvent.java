package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * An APPROVE_ALL_FEATURES child handshake was sent to an invited member; it is OPEN. It expires at its parent's
 * expiration time, by a deadline of its own ({@code expiryScheduleId}). Approvals recorded before approvals had one
 * carry null there: they read as EXPIRED from that time on, without an expiry event.
 */
public record AllFeaturesApprovalRequestedEvent(HandshakeId handshakeId, HandshakeId parentId,
                                                OrganizationProfile organization, AccountId member,
                                                Instant requestedAt, Instant expiresAt, Duration retention,
                                                String expiryScheduleId) {
}
