package org.handshakeledger.domain.organization;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;

/**
 * An account became a member by accepting an invitation; the invitation's tags are now the account's tags.
 *
 * <p>Revision 2 carries {@code joinedMethod}. Revision 1 (stored without a revision) predates it, when every member
 * joined by invitation; {@code AccountJoinedOrganizationUpcaster} in {@code app} adds {@code INVITED} to those.
 */
@Revision("2")
public record AccountJoinedOrganizationEvent(OrganizationId organizationId, AccountId accountId, String email,
                                             String name, JoinedMethod joinedMethod, HandshakeId handshakeId,
                                             List<Tag> tags, Instant joinedAt) {
}
