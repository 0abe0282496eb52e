package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * The ENABLE_ALL_FEATURES parent handshake was created. It is REQUESTED while {@code approvals} are pending, and
 * OPEN at once when there are none.
 */
public record AllFeaturesRequestedEvent(HandshakeId handshakeId, OrganizationProfile organization,
                                        List<HandshakeId> approvals, HandshakeState initialState,
                                        AccountId requestedBy, Instant requestedAt, Instant expiresAt,
                                        Duration retention, String expiryScheduleId) {
}
