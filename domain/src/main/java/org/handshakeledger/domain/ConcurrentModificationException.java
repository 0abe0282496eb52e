package org.handshakeledger.domain;

/** Two requests changed the same thing at once and this one lost, even after retrying. */
public class ConcurrentModificationException extends OrganizationsException {
    public ConcurrentModificationException() {
        super("The target of the operation is currently being modified by a different request. Try again later.");
    }
}
