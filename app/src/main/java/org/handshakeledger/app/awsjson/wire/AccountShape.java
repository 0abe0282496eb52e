package org.handshakeledger.app.awsjson.wire;

import java.time.Instant;

import org.handshakeledger.projections.organization.AccountView;

/** {@code Account} on the wire. */
public record AccountShape(String id, String arn, String email, String name, String status, String state,
                           String joinedMethod, Instant joinedTimestamp) {
    public static AccountShape of(AccountView view) {
        return new AccountShape(view.id(), view.arn(), view.email(), view.name(), "ACTIVE", "ACTIVE",
                view.joinedMethod(), view.joinedTimestamp());
    }
}
