package org.handshakeledger.domain.organization;

import org.handshakeledger.domain.OrganizationsException;

/** The account is not a member of the caller's organization. */
public class AccountNotFoundException extends OrganizationsException {
    public AccountNotFoundException() {
        super("We can't find an AWS account with the AccountId that you specified, "
                + "or the account whose credentials you used to make this request isn't a member of an organization.");
    }
}
