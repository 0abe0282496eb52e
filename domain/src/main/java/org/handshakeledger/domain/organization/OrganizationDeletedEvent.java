package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The management account deleted its organization and is standalone again. */
public record OrganizationDeletedEvent(OrganizationId organizationId, AccountId deletedBy, Instant deletedAt) {
}
