package org.handshakeledger.domain.handshake;

import java.time.Instant;

import org.handshakeledger.domain.HandshakeId;

/** Deadline payload: the settled handshake leaves the AWS-facing views at {@code dueAt}. */
public record RetentionDue(HandshakeId handshakeId, Instant dueAt) {
}
