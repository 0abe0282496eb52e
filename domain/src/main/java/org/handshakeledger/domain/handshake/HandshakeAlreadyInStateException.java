package org.handshakeledger.domain.handshake;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationsException;

/** The operation asks for the state the handshake is already in. */
public class HandshakeAlreadyInStateException extends OrganizationsException {
    public HandshakeAlreadyInStateException(HandshakeId id, HandshakeState state) {
        super("The specified handshake " + id + " is already in the requested state " + state + ".");
    }
}
