package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The operator endpoints ({@code /ledger/projections}, {@code /ledger/backup}), called as {@link LedgerActors#OPERATOR}. */
final class OperatorHttp {
    static final String[] VIEWS = {"handshake-views", "organization-views", "audit-trail"};

    private final LedgerHttp http;
    private final String accessKeyId;
    private final String secret;

    OperatorHttp(LedgerHttp http, String accessKeyId, String secret) {
        this.http = http;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
    }

    /** Calls as an account of the accounts file that {@link AbstractLedgerIT} writes. */
    static OperatorHttp as(LedgerHttp http, String accountId) {
        return new OperatorHttp(http, LedgerActors.accessKeyId(accountId), LedgerActors.secret(accountId));
    }

    RawSignedRequests.Response replay(String view) {
        return http.send("POST", accessKeyId, secret, "/ledger/projections/" + view + "/replay");
    }

    RawSignedRequests.Response post(String path) {
        return http.send("POST", accessKeyId, secret, path);
    }

    RawSignedRequests.Response get(String path) {
        return http.send("GET", accessKeyId, secret, path);
    }

    JsonNode projections() {
        RawSignedRequests.Response response = get("/ledger/projections");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode projection(String name) {
        for (JsonNode projection : projections().path("projections")) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name + " in " + projections());
    }

    String checksum(String view) {
        RawSignedRequests.Response response = get("/ledger/projections/" + view + "/checksum");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("checksum").asText();
    }

    Map<String, String> checksums() {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String view : VIEWS) {
            checksums.put(view, checksum(view));
        }
        return checksums;
    }

    /** Waits until the audit trail, the one view built after the fact, has handled every stored event. */
    void awaitAuditTrailCaughtUp() {
        await("the audit trail to catch up", () -> projection("audit-trail").path("lag").asLong(-1) == 0);
    }

    /** Waits for the rebuild of {@code view} to finish and returns its last progress report. */
    JsonNode awaitRebuilt(String view) {
        await("the rebuild of " + view, () -> projection(view).path("rebuild").path("state").asText()
                .matches("COMPLETED|FAILED"));
        JsonNode rebuild = projection(view).path("rebuild");
        assertThat(rebuild.path("state").asText()).as(rebuild.toString()).isEqualTo("COMPLETED");
        return rebuild;
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
