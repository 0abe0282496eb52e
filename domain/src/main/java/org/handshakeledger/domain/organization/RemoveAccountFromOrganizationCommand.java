package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The management account removes a member account. */
public record RemoveAccountFromOrganizationCommand(OrganizationId organizationId,
                                                   AccountId caller, AccountId member, Instant requestedAt) {
}
