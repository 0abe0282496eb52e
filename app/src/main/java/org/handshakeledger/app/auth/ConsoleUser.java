package org.handshakeledger.app.auth;

import java.io.Serializable;

/** Who is signed in to a console session: the account and the access key it signed in with, never the secret. */
public record ConsoleUser(String accountId, String accessKeyId) implements Serializable {
}
