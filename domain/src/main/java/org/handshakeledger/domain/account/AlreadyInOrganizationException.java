package org.handshakeledger.domain.account;

import org.handshakeledger.domain.OrganizationsException;

/** The account is already a member of an organization. */
public class AlreadyInOrganizationException extends OrganizationsException {
    public AlreadyInOrganizationException() {
        super("This account is already a member of an organization.");
    }
}
