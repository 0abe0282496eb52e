package org.handshakeledger.projections.handshake;

import java.time.Instant;

import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeState;

/**
 * The handshakes the web console lists: those of one organization, or those received by one account (by its id or
 * email address), or every handshake when both are null (an auditor's view); narrowed by state (as evaluated at
 * {@code now}, so an OPEN handshake past its expiry is EXPIRED), action and a range of request times ({@code from}
 * inclusive, {@code to} exclusive; either may be null). Only handshakes the AWS API still shows are listed: a
 * handshake deleted by the retention is found by its id.
 */
public record SearchHandshakesQuery(String organizationId, String recipientAccountId, String recipientEmail,
                                    HandshakeState state, HandshakeAction action, Instant from, Instant to,
                                    PageRequest page, Instant now) {
}
