package org.handshakeledger.app.operator;

import org.springframework.boot.ExitCodeGenerator;

/**
 * {@code ledger.restore} was refused ({@value OfflineRestoreStartup#REFUSED}: nothing was written) or failed on the way
 * ({@value OfflineRestoreStartup#FAILED}: what it wrote was removed). Thrown before the application context exists;
 * the process exits with that code.
 */
public class OfflineRestoreException extends RuntimeException implements ExitCodeGenerator {
    private final int exitCode;

    OfflineRestoreException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
