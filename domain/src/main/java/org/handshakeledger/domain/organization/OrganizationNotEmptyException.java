package org.handshakeledger.domain.organization;

import org.handshakeledger.domain.OrganizationsException;

/** An organization with member accounts cannot be deleted. */
public class OrganizationNotEmptyException extends OrganizationsException {
    public OrganizationNotEmptyException() {
        super("The organization isn't empty. To delete an organization, you must first remove all accounts "
                + "except the management account.");
    }
}
