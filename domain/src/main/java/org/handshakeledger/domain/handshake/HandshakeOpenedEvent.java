package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/** Every member approved: the management account can now accept the parent handshake. */
public record HandshakeOpenedEvent(HandshakeId handshakeId, Instant openedAt) {
}
