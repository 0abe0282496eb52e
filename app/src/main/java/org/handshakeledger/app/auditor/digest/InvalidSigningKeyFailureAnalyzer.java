package org.handshakeledger.app.auditor.digest;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code --ledger.audit.signing-key-file} into Boot's short "APPLICATION FAILED TO START" report. */
class InvalidSigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSigningKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSigningKeyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Give --ledger.audit.signing-key-file an RSA private key in unencrypted PKCS#8 PEM (openssl genpkey"
                        + " -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out FILE), or the path of a file that does"
                        + " not exist yet, where the ledger then writes a new key.", cause);
    }
}
