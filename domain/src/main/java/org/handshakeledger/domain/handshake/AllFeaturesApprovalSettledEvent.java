package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/** One pending approval of the parent handshake was given (or its member left). */
public record AllFeaturesApprovalSettledEvent(HandshakeId handshakeId, HandshakeId approvalId, Instant settledAt) {
}
