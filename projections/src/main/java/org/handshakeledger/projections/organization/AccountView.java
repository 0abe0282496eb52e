package org.handshakeledger.projections.organization;

import java.time.Instant;

/** A member account as ListAccounts returns it. */
public record AccountView(String id, String arn, String email, String name, String joinedMethod,
                          Instant joinedTimestamp) {
}
