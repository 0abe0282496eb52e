package org.handshakeledger.domain.organization;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.OrganizationId;

/** A member account is no longer part of the organization. */
public record AccountLeftOrganizationEvent(OrganizationId organizationId, AccountId accountId,
                                           DepartureReason reason, Instant leftAt) {
}
