package org.handshakeledger.app.store;

/** A restore that was not done, because the file is not a ledger backup or the data directory is not empty. */
public class RestoreRefusedException extends RuntimeException {
    public RestoreRefusedException(String message) {
        super(message);
    }
}
