package org.handshakeledger.app.store;

/**
 * A transaction committed, but the ledger could not confirm that it reached the file; the request that made it must
 * not be acknowledged. The write may or may not be there after a restart.
 */
public class CommitNotDurableException extends RuntimeException {
    public CommitNotDurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
