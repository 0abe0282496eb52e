package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * {@code POST /ledger/backup} on the shared application: on H2, a whole zip of the database named by its time, with
 * the size and SHA-256 the answer gives; on PostgreSQL (the failsafe run postgres), a refusal that points to
 * PostgreSQL's own tools. Only operators may ask. {@link BackupRestoreIT} restores such a file.
 */
class BackupIT extends AbstractLedgerIT {
    private LedgerHttp http;
    private OperatorHttp operator;

    @BeforeEach
    void setUp() {
        http = new LedgerHttp(port);
        operator = OperatorHttp.as(http, LedgerActors.OPERATOR);
    }

    @Test
    void anOperatorGetsAWholeBackupOfTheEmbeddedStoreOrARefusalOnPostgres() throws Exception {
        // given
        String management = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Instant before = Instant.now();

        // when
        RawSignedRequests.Response answer = operator.post("/ledger/backup");

        // then
        if (TestPostgres.selectedForEndToEnd()) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.errorType()).isEqualTo("BackupNotSupportedException");
            assertThat(answer.json().path("Message").asText()).contains("pg_dump", "pg_basebackup");
            return;
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode backup = answer.json();
        Path file = Path.of(backup.path("file").asText());
        assertThat(file).isAbsolute().exists();
        assertThat(file.getFileName().toString()).matches("handshake-ledger-\\d{8}T\\d{6}\\.\\d{3}Z\\.zip");
        assertThat(backup.path("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(backup.path("sha256").asText()).isEqualTo(sha256(file));
        assertThat(Instant.parse(backup.path("takenAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(backup.path("lastGlobalIndex").asLong()).isPositive();
        assertThat(backup.path("signingKeyFile").asText()).endsWith("audit-signing-key.pem");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly("handshake-ledger.mv.db");
        }
        assertThat(file.getParent()).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void backupsTakenAtOnceGetFilesOfTheirOwn() {
        RawSignedRequests.Response first = operator.post("/ledger/backup");
        RawSignedRequests.Response second = operator.post("/ledger/backup");

        if (!TestPostgres.selectedForEndToEnd()) {
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            assertThat(second.json().path("file").asText()).isGreaterThan(first.json().path("file").asText());
        }
    }

    @Test
    void onlyOperatorsMayTakeABackup() {
        RawSignedRequests.Response auditor = OperatorHttp.as(http, LedgerActors.AUDITOR).post("/ledger/backup");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.errorType()).isEqualTo("AccessDeniedException");
        assertThat(OperatorHttp.as(http, LedgerActors.next()).post("/ledger/backup").status()).isEqualTo(403);
        assertThat(http.unsigned("POST", "/ledger/backup").status()).isEqualTo(401);

        RawSignedRequests.Response wrongMethod = operator.get("/ledger/backup");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("POST");
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
