package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** An invitation took an account slot and counts as one invitation attempt of the day. */
public record InvitationReservedEvent(OrganizationId organizationId, HandshakeId handshakeId, String targetKey,
                                      AccountId recipientAccountId, Instant reservedAt, Instant expiresAt) {
}
