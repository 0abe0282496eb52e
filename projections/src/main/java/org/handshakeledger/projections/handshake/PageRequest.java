package org.handshakeledger.projections.handshake;

import java.time.Instant;

/** A keyset page: the items after ({@code afterRequestedAt}, {@code afterId}) in list order, at most {@code size}. */
public record PageRequest(Instant afterRequestedAt, String afterId, int size) {
    public static PageRequest first(int size) {
        return new PageRequest(null, null, size);
    }
}
