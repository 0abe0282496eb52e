package org.handshakeledger.app.auditor.digest;

import java.nio.file.Path;

/** The audit signing key file ({@code --ledger.audit.signing-key-file}) cannot serve: the ledger does not start. */
public class InvalidSigningKeyException extends RuntimeException {

    InvalidSigningKeyException(Path file, String problem) {
        super("The audit signing key file " + file.toAbsolutePath() + " cannot be used: " + problem + ".");
    }
}
