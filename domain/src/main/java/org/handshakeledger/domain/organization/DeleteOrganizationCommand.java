package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The management account deletes its (otherwise empty) organization. */
public record DeleteOrganizationCommand(OrganizationId organizationId, AccountId caller,
                                        Instant requestedAt) {
}
