package org.handshakeledger.domain.organization;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;

/** An account became a member by accepting an invitation; the invitation's tags are now the account's tags. */
public record AccountJoinedOrganizationEvent(OrganizationId organizationId, AccountId accountId, String email,
                                             String name, JoinedMethod joinedMethod, HandshakeId handshakeId,
                                             List<Tag> tags, Instant joinedAt) {
}
