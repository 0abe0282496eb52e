package org.handshakeledger.domain;

/** The calling account belongs to no organization and the operation needs one. */
public class AwsOrganizationsNotInUseException extends OrganizationsException {
    public AwsOrganizationsNotInUseException() {
        super("Your account is not a member of an organization.");
    }

    @Override
    public String errorCode() {
        return "AWSOrganizationsNotInUseException";
    }
}
