package org.handshakeledger.domain.mirror;

import java.time.Instant;

/** The mirror saw a handshake it had not seen before (or saw again one that had vanished), as it was then. */
public record MirroredHandshakeFirstSeenEvent(String handshakeId, Upstream upstream, ObservedHandshake handshake,
                                              Instant observedAt) {
}
