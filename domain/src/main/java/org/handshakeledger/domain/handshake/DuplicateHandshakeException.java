package org.handshakeledger.domain.handshake;

import org.handshakeledger.domain.OrganizationsException;

/** An open invitation to the same target already exists. */
public class DuplicateHandshakeException extends OrganizationsException {
    public DuplicateHandshakeException() {
        super("A handshake with the same action and target already exists.");
    }
}
