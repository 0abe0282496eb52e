package org.handshakeledger.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class InvalidAccountsFileFailureAnalyzerTest {

    @Test
    void aMissingAccountsFileIsReportedByNameWithWhatToDo() {
        // given
        InvalidAccountsFileException failure = null;
        try {
            AccountDirectory.load(Path.of("/no/such/accounts.yaml"));
        } catch (InvalidAccountsFileException e) {
            failure = e;
        }

        // when
        FailureAnalysis analysis = new InvalidAccountsFileFailureAnalyzer()
                .analyze(new IllegalStateException("context failed", failure));

        // then
        assertThat(analysis.getDescription()).isEqualTo("Invalid accounts file /no/such/accounts.yaml: no such file");
        assertThat(analysis.getAction()).contains("--ledger.accounts-file");
    }
}
