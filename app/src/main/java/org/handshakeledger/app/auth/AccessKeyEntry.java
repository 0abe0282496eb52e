package org.handshakeledger.app.auth;

/** An {@code access-keys} item of the accounts file, as written; {@link AccountDirectory} validates it. */
record AccessKeyEntry(String id, String secret) {
}
