package org.handshakeledger.projections.handshake;

import org.handshakeledger.domain.handshake.HandshakeAction;

/** At most one of the two is set (the API refuses both); both null means no filtering. */
public record HandshakeFilter(HandshakeAction action, String parentHandshakeId) {
    public static final HandshakeFilter NONE = new HandshakeFilter(null, null);
}
