package org.handshakeledger.app.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code --ledger.accounts-file} into Boot's short "APPLICATION FAILED TO START" report. */
class InvalidAccountsFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAccountsFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAccountsFileException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the file given with --ledger.accounts-file (its format is in the README, section "
                        + "\"Accounts file\"), or leave the option out to use the built-in demo directory.", cause);
    }
}
