package org.handshakeledger.domain.handshake;

import org.handshakeledger.domain.OrganizationsException;

/** The handshake does not exist, was deleted, or the caller may not see it. */
public class HandshakeNotFoundException extends OrganizationsException {
    public HandshakeNotFoundException(String handshakeId) {
        super("We can't find a handshake with the HandshakeId that you specified: " + handshakeId + ".");
    }
}
