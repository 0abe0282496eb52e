package org.handshakeledger.app.auth;

import java.util.Objects;

/** An access key of the directory: the SigV4 key id, its secret, and the account it speaks for. */
public record AccessKey(String id, String secret, String accountId) {

    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(accountId, "accountId");
    }

    // The generated toString would print the secret into logs and assertion messages.
    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=****, accountId=" + accountId + "]";
    }
}
