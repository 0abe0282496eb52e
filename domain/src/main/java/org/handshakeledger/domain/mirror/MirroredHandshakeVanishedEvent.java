package org.handshakeledger.domain.mirror;

import java.time.Instant;

/**
 * A mirrored handshake was no longer listed upstream: AWS deletes a handshake 30 days after it settles.
 * {@code lastState} is the state it was last seen in.
 */
public record MirroredHandshakeVanishedEvent(String handshakeId, Upstream upstream, String lastState,
                                             Instant observedAt) {
}
