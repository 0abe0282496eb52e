package org.handshakeledger.app.auth;

import java.util.Objects;

/**
 * An access key of the directory: the SigV4 key id, its secret, the account it speaks for and, for a key that stands
 * for temporary credentials (an SSO or assumed-role profile), the session token every request must carry.
 *
 * @param sessionToken the value {@code X-Amz-Security-Token} must have; null for a key used without one
 */
public record AccessKey(String id, String secret, String accountId, String sessionToken) {

    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** A long-term key: requests signed with it carry no session token. */
    public AccessKey(String id, String secret, String accountId) {
        this(id, secret, accountId, null);
    }

    public boolean hasSessionToken() {
        return sessionToken != null;
    }

    // The generated toString would print the secret and the token into logs and assertion messages.
    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=****, accountId=" + accountId
                + (hasSessionToken() ? ", sessionToken=****" : "") + "]";
    }
}
