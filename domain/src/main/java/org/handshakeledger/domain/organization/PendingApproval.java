package org.handshakeledger.domain.organization;

import org.handshakeledger.domain.HandshakeId;

/** A member's approval that an enable-all-features request ({@code parentId}) still waits for. */
public record PendingApproval(HandshakeId parentId, HandshakeId approvalId) {
}
