package org.handshakeledger.domain.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.OrganizationProfile;

/** An INVITE handshake was sent to an account or email address; it is OPEN until answered or expired. */
public record AccountInvitedEvent(HandshakeId handshakeId, OrganizationProfile organization, HandshakeParty target,
                                  AccountId recipientAccountId, String notes, List<Tag> tags, AccountId invitedBy,
                                  Instant requestedAt, Instant expiresAt, Duration retention,
                                  String expiryScheduleId) {
}
