package org.handshakeledger.app.auth;

/** The accounts file cannot be used; the message names the file and the problem. */
public class InvalidAccountsFileException extends IllegalArgumentException {
    public InvalidAccountsFileException(String message) {
        super(message);
    }
}
