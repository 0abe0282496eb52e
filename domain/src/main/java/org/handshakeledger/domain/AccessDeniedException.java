package org.handshakeledger.domain;

/** The caller is in the right place but has the wrong role for the operation. */
public class AccessDeniedException extends OrganizationsException {
    public AccessDeniedException() {
        super("You don't have permissions to access this resource.");
    }
}
