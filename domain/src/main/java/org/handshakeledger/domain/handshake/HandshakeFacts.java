package org.handshakeledger.domain.handshake;

import java.util.List;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/**
 * What a handshake was created as, which never changes: enough to know which other aggregates an operation on it
 * touches before any of them is locked. {@code parentId} is set for an approval, {@code approvals} for its parent.
 */
public record HandshakeFacts(HandshakeId id, HandshakeAction action, OrganizationId organizationId,
                             HandshakeId parentId, List<HandshakeId> approvals) {
}
