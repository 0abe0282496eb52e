package org.handshakeledger.app.auditor;

import java.util.Arrays;
import java.util.Locale;
import org.handshakeledger.app.web.QueryParameters;

/**
 * The formats of {@code GET /ledger/audit}: {@code format=jsonl} (the default), {@code cloudtrail}, {@code csv} or
 * {@code chain}.
 */
enum AuditExportFormat {
    /** One audit record per line, every field, as hashed by the chain. */
    JSONL("application/x-ndjson"),
    /** One AWS CloudTrail management event for {@code organizations.amazonaws.com} per line. */
    CLOUDTRAIL("application/x-ndjson"),
    /** RFC 4180: a header row, then one row per record, CRLF line ends. */
    CSV("text/csv;charset=UTF-8;header=present"),
    /**
     * One line per record: its hash, a space, and its canonical form, the exact text that was hashed; lets anyone
     * check the chain, and the trail against a signed digest, with {@code openssl dgst -sha256} (README).
     */
    CHAIN("text/plain;charset=UTF-8");

    private final String contentType;

    AuditExportFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    static AuditExportFormat parse(String value) {
        if (value == null) {
            return JSONL;
        }
        return Arrays.stream(values())
                .filter(format -> format.name().toLowerCase(Locale.ROOT).equals(value))
                .findFirst()
                .orElseThrow(() -> QueryParameters.invalid("format", value, "one of jsonl, cloudtrail, csv, chain"));
    }
}
