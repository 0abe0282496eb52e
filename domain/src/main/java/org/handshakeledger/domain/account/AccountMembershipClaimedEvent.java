package org.handshakeledger.domain.account;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** The account now belongs to this organization, as its management account or as a member. */
public record AccountMembershipClaimedEvent(AccountId accountId, OrganizationId organizationId, boolean management,
                                            Instant claimedAt) {
}
