package org.handshakeledger.domain.account;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The account no longer belongs to this organization. */
public record AccountMembershipReleasedEvent(AccountId accountId, OrganizationId organizationId,
                                             Instant releasedAt) {
}
