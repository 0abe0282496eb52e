package org.handshakeledger.app.operator;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.handshakeledger.projections.rebuild.RebuildableView;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code ledger.rebuild} into Boot's short "APPLICATION FAILED TO START" report. */
class InvalidRebuildOptionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRebuildOptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRebuildOptionException cause) {
        String views = Arrays.stream(RebuildableView.values()).map(RebuildableView::processingGroup)
                .collect(Collectors.joining(", "));
        return new FailureAnalysis(cause.getMessage(),
                "Set ledger.rebuild (--ledger.rebuild=, the environment variable LEDGER_REBUILD or a configuration "
                        + "file) to 'all' or to views separated by commas (" + views + "), or leave it out to start "
                        + "the service.", cause);
    }
}
