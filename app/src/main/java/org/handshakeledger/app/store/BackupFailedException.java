package org.handshakeledger.app.store;

/** A backup could not be written: the backup directory cannot be created or written, or the copy failed. */
public class BackupFailedException extends RuntimeException {
    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
