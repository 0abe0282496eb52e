package org.handshakeledger.app.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An {@code access-keys} item of the accounts file, as written; {@link AccountDirectory} validates it. */
record AccessKeyEntry(String id, String secret, @JsonProperty("session-token") String sessionToken) {
}
