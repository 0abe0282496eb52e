package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.organization.OrganizationProfile;

/** Sends one invited member the request to approve all features (a child of the parent handshake). */
public record RequestAllFeaturesApprovalCommand(@TargetAggregateIdentifier HandshakeId handshakeId,
                                                HandshakeId parentId, OrganizationProfile organization,
                                                AccountId member, Instant requestedAt, Instant expiresAt,
                                                Duration retention) {
}
