package org.handshakeledger.app.awsjson;

import java.time.Instant;

import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.domain.AccountId;

/** Who calls, when (millisecond precision, the precision of the wire), and which request this is. */
public record AwsRequest(DirectoryAccount caller, String accessKeyId, String requestId, Instant now) {
    public AccountId callerId() {
        return new AccountId(caller.id());
    }
}
