package org.handshakeledger.projections.handshake;

import java.util.List;

/** One page of handshakes; {@code more} tells whether another page follows. */
public record HandshakePage(List<HandshakeView> handshakes, boolean more) {
}
