package org.handshakeledger.app.importer;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused {@code ledger.import.cloudtrail} into Boot's short "APPLICATION FAILED TO START" report. */
class InvalidImportOptionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidImportOptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidImportOptionException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set ledger.import.cloudtrail (--ledger.import.cloudtrail=, "
                + "the environment variable LEDGER_IMPORT_CLOUDTRAIL or a configuration file) to a CloudTrail log "
                + "file or a directory of them (*.json, *.json.gz), alone, or leave it out to start the service.",
                cause);
    }
}
