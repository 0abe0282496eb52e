package org.handshakeledger.app.operator;

import org.springframework.boot.ExitCodeGenerator;

/**
 * {@code ledger.rebuild} is set but names no view, or a view that does not exist. Thrown before the application
 * context exists; the process exits with {@value OfflineRebuild#INVALID_VIEWS}, as the README promises.
 */
public class InvalidRebuildOptionException extends IllegalArgumentException implements ExitCodeGenerator {
    public InvalidRebuildOptionException(String message) {
        super(message);
    }

    @Override
    public int getExitCode() {
        return OfflineRebuild.INVALID_VIEWS;
    }
}
