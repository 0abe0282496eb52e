package org.handshakeledger.app.awsjson;

import org.handshakeledger.domain.OrganizationsException;

/** ListTagsForResource names no root, OU, account or policy the caller's organization has. */
public class TargetNotFoundException extends OrganizationsException {
    public TargetNotFoundException() {
        super("We can't find a root, OU, account, or policy with the TargetId that you specified.");
    }
}
