package org.handshakeledger.app.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An {@code accounts} item of the accounts file, as written; {@link AccountDirectory} validates it. */
record AccountEntry(
        String id,
        String name,
        String email,
        List<String> roles,
        @JsonProperty("access-keys") List<AccessKeyEntry> accessKeys) {
}
