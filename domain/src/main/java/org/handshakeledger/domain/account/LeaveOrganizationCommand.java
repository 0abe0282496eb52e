package org.handshakeledger.domain.account;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;

/** A member account leaves its organization. */
public record LeaveOrganizationCommand(AccountId caller, Instant requestedAt) {
}
