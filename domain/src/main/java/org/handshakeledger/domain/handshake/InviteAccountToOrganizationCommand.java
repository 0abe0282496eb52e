package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.InvitationLimits;

/**
 * The management account invites an account (by id or email) to its organization. {@code recipientAccountId} is
 * the account the target resolves to, or null for an email the ledger does not know.
 */
public record InviteAccountToOrganizationCommand(HandshakeId handshakeId,
                                                 OrganizationId organizationId, AccountId caller,
                                                 HandshakeParty target, AccountId recipientAccountId, String notes,
                                                 List<Tag> tags, Instant requestedAt, Instant expiresAt,
                                                 Duration retention, InvitationLimits limits) {
    /** The key under which duplicates and quota slots are counted: one per invited account. */
    public String targetKey() {
        return recipientAccountId != null
                ? "account:" + recipientAccountId.value()
                : "email:" + target.id().toLowerCase(java.util.Locale.ROOT);
    }
}
