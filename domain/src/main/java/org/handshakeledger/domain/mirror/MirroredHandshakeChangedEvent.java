package org.handshakeledger.domain.mirror;

import java.time.Instant;

/**
 * A mirrored handshake was listed differently than the last time: its state (or anything else) changed upstream
 * between two polls. {@code handshake} is all of it as seen now.
 */
public record MirroredHandshakeChangedEvent(String handshakeId, Upstream upstream, String previousState,
                                            ObservedHandshake handshake, Instant observedAt) {
}
