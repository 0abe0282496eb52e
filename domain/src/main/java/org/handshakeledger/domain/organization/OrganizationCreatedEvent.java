package org.handshakeledger.domain.organization;

import java.time.Instant;

/** An organization was created; its management account is its first member. */
public record OrganizationCreatedEvent(OrganizationProfile organization, Instant createdAt) {
}
