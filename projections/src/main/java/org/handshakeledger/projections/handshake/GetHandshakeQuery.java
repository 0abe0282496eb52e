package org.handshakeledger.projections.handshake;

import java.time.Instant;

/**
 * Describe one handshake as seen by the caller: the originating organization's accounts and the recipient may see
 * it; for anybody else, and once deleted, it does not exist.
 */
public record GetHandshakeQuery(String handshakeId, String callerAccountId, String callerEmail,
                                String callerOrganizationId, Instant now) {
}
