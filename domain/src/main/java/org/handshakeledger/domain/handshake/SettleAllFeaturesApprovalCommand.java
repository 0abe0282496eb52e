package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.HandshakeId;

/**
 * One member's approval no longer blocks the enable-all-features parent: the member accepted, or left the
 * organization. When none is left the parent opens for the management account.
 */
public record SettleAllFeaturesApprovalCommand(@TargetAggregateIdentifier HandshakeId parentId,
                                               HandshakeId approvalId, Instant at) {
}
