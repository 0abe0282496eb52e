package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/** Deadline payload: the handshake expires at {@code dueAt} unless it was answered before. */
public record ExpiryDue(HandshakeId handshakeId, Instant dueAt) {
}
