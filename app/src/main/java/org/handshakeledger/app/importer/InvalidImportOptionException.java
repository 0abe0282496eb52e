package org.handshakeledger.app.importer;

import org.springframework.boot.ExitCodeGenerator;

/**
 * {@code ledger.import.cloudtrail} names nothing to import (an empty value, a path that does not exist or holds no
 * log file), or is set together with another offline job. Thrown before the application context exists; the process
 * exits with {@value CloudTrailImportStartup#REFUSED}.
 */
public class InvalidImportOptionException extends IllegalArgumentException implements ExitCodeGenerator {
    public InvalidImportOptionException(String message) {
        super(message);
    }

    @Override
    public int getExitCode() {
        return CloudTrailImportStartup.REFUSED;
    }
}
