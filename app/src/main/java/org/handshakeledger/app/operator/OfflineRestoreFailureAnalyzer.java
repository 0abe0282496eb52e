package org.handshakeledger.app.operator;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused or failed {@code ledger.restore} into Boot's short "APPLICATION FAILED TO START" report. */
class OfflineRestoreFailureAnalyzer extends AbstractFailureAnalyzer<OfflineRestoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OfflineRestoreException cause) {
        String action = cause.getExitCode() == OfflineRestoreStartup.REFUSED
                ? "Give --ledger.restore a zip file written by POST /ledger/backup, and --ledger.data-dir a new or "
                        + "empty directory; leave ledger.restore out to start the service."
                : "Fix the cause above (disk space, permissions) and run the restore again; the data directory is "
                        + "as it was before.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
