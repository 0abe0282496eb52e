package org.handshakeledger.domain.handshake;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationsException;

/** The handshake's state does not allow the requested move. */
public class InvalidHandshakeTransitionException extends OrganizationsException {
    public InvalidHandshakeTransitionException(HandshakeId id, HandshakeState from, HandshakeState to) {
        super("You can't perform the operation on the handshake " + id + " in its current state " + from
                + " (requested " + to + ").");
    }
}
