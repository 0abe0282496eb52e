package org.handshakeledger.domain;

/** The management account cannot leave or be removed from its own organization. */
public class MasterCannotLeaveOrganizationException extends OrganizationsException {
    public MasterCannotLeaveOrganizationException() {
        super("You can't remove the management account from an organization. "
                + "You must delete the organization instead.");
    }
}
