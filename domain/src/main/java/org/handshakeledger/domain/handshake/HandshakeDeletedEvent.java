package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/**
 * The retention period after the handshake settled has passed: AWS deletes it, so the AWS-facing views forget it.
 * Its events, this one included, stay in the ledger.
 */
public record HandshakeDeletedEvent(HandshakeId handshakeId, Instant deletedAt) {
}
