package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Signed digests of the audit trail, as an auditor uses them: signed on demand, listed, verified with the published
 * key by the JDK and by {@code tools/verify-audit-export.sh} (openssl alone); and what someone who can write the
 * database cannot do: rewrite the chain consistently, drop a digest, or sign one with another key, unnoticed.
 * Each tampering is undone before the test ends, so the tests leave a trail that verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.audit.digest-interval=PT24H")
class AuditDigestsIT extends AbstractLedgerIT {
    private static final String AUDITOR = LedgerActors.AUDITOR;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path VERIFY_SCRIPT = Path.of("..", "tools", "verify-audit-export.sh");
    private static final String CONTENT_COLUMNS = "global_index, event_time, event_type, event_name, actor_type,"
            + " actor_account_id, access_key_id, source_ip, user_agent, request_id, request_time, organization_id,"
            + " handshake_id, parties, state, error_code, error_message, request_parameters, details";

    @Autowired
    JdbcTemplate jdbc;

    @Value("${ledger.data-dir}")
    Path dataDir;

    private LedgerHttp http;

    @BeforeAll
    void writeSomeHistory() {
        http = new LedgerHttp(port);
        String management = LedgerActors.next();
        createOrganization(management, software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet.ALL);
        String last = null;
        for (int i = 0; i < 4; i++) {
            last = invite(management, LedgerActors.next()).id();
        }
        awaitAuditRecordsOf(last);
    }

    @Test
    void aDigestSignsTheTrailAsItIsAndVerifiesWithThePublishedKey() throws Exception {
        // when
        RawSignedRequests.Response first = sign(AUDITOR);
        RawSignedRequests.Response second = sign(AUDITOR);
        RawSignedRequests.Response listed = http.get(AUDITOR, "/ledger/audit/digests");
        List<String> chain = chainExport();

        // then
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode digest = second.json();
        assertThat(fieldNames(digest)).containsExactly("sequence", "lastSeq", "lastHash", "recordCount", "time",
                "keyId", "algorithm", "previousSignature", "signingString", "signature");
        String lastLine = chain.get(chain.size() - 1);
        assertThat(digest.get("lastSeq").asLong()).isEqualTo(chain.size());
        assertThat(digest.get("recordCount").asLong()).isEqualTo(chain.size());
        assertThat(digest.get("lastHash").asText()).isEqualTo(lastLine.substring(0, 64));
        assertThat(digest.get("previousSignature").asText()).isEqualTo(first.json().get("signature").asText());
        assertThat(digest.get("signingString").asText()).isEqualTo("handshake-ledger-audit-digest/1"
                + " sequence=" + digest.get("sequence").asLong()
                + " lastSeq=" + digest.get("lastSeq").asLong()
                + " lastHash=" + digest.get("lastHash").asText()
                + " recordCount=" + digest.get("recordCount").asLong()
                + " time=" + digest.get("time").asText()
                + " keyId=" + digest.get("keyId").asText()
                + " previousSignature=" + first.json().get("signature").asText());
        assertThat(Instant.parse(digest.get("time").asText())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));

        PublicKey publicKey = publicKey();
        assertThat(verifies(publicKey, digest)).isTrue();
        assertThat(digest.get("keyId").asText()).isEqualTo(sha256Hex(publicKey.getEncoded()));

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get(0)).isEqualTo(digest);
        assertThat(listed.json().get(1)).isEqualTo(first.json());
    }

    @Test
    void theKeyIsGeneratedOnFirstStartInTheDataDirReadableByTheLedgerOnly() throws IOException {
        // when
        Path keyFile = dataDir.resolve("audit-signing-key.pem");
        RawSignedRequests.Response published = http.get(LedgerActors.next(), "/ledger/audit/public-key");

        // then
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.header("Content-Type")).hasValue("application/x-pem-file");
        assertThat(published.body()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(published.header("X-Ledger-Key-Id")).hasValue(sha256Hex(publicKey().getEncoded()));
    }

    @Test
    void anAuditorVerifiesAnExportAgainstADigestWithOpensslAlone() throws Exception {
        // given
        sign(AUDITOR);

        // when
        Verdict verdict = verifyOffline();

        // then
        assertThat(verdict.exitCode()).as(verdict.output()).isZero();
        assertThat(verdict.output()).startsWith("OK: records 1..");
    }

    @Test
    void aChainRewrittenConsistentlyFailsVerificationWhereverItWasChanged() throws Exception {
        // given
        JsonNode digest = sign(AUDITOR).json();
        long signed = digest.get("lastSeq").asLong();
        long middle = signed / 2;
        assertThat(verify().get("valid").asBoolean()).as("%s", verify()).isTrue();

        List<Tampering> tamperings = List.of(
                new Tampering("altered", () -> {
                    jdbc.update("update audit_record set source_ip = '203.0.113.7' where seq = ?", middle);
                    relinkFrom(middle);
                }),
                new Tampering("deleted", () -> {
                    jdbc.update("delete from audit_record where seq = ?", middle);
                    for (Long seq : jdbc.queryForList("select seq from audit_record where seq > ? order by seq",
                            Long.class, middle)) {
                        jdbc.update("update audit_record set seq = ? where seq = ?", seq - 1, seq);
                    }
                    relinkFrom(middle);
                }),
                new Tampering("reordered", () -> {
                    swapContents(middle, middle + 1);
                    relinkFrom(middle);
                }));

        for (Tampering tampering : tamperings) {
            saveTable("audit_record");
            try {
                // when
                tampering.change().run();
                JsonNode verdict = verify();
                Verdict offline = verifyOffline();

                // then
                assertThat(chainExportIsConsistent()).as(tampering.name()).isTrue();
                assertThat(verdict.get("valid").asBoolean()).as(tampering.name() + ": " + verdict).isFalse();
                assertThat(verdict.get("brokenDigest").asLong()).as(tampering.name())
                        .isLessThanOrEqualTo(digest.get("sequence").asLong());
                assertThat(verdict.get("problem").asText()).as(tampering.name()).contains("digest");
                assertThat(offline.exitCode()).as(tampering.name() + ": " + offline.output()).isEqualTo(1);
                assertThat(offline.output()).as(tampering.name()).startsWith("FAILED: ");
            } finally {
                restoreAndDropSaved("audit_record");
            }
        }
        assertThat(verify().get("valid").asBoolean()).as("%s", verify()).isTrue();
    }

    @Test
    void aDigestSignedWithAnotherKeyOrLeftOutFailsVerification() throws Exception {
        // given
        sign(AUDITOR);
        JsonNode middle = sign(AUDITOR).json();
        sign(AUDITOR);
        long sequence = middle.get("sequence").asLong();
        KeyPair forger = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forgedKeyId = sha256Hex(forger.getPublic().getEncoded());
        String forgedText = middle.get("signingString").asText().replace(middle.get("keyId").asText(), forgedKeyId);

        saveTable("audit_digest");
        try {
            // when the digest is signed anew with the forger's key
            jdbc.update("update audit_digest set key_id = ?, signing_string = ?, signature = ? where sequence = ?",
                    forgedKeyId, forgedText, signature(forger, forgedText), sequence);
            JsonNode otherKey = verify();
            restoreTable("audit_digest");

            // when it names the ledger's key but carries the forger's signature
            jdbc.update("update audit_digest set signature = ? where sequence = ?",
                    signature(forger, middle.get("signingString").asText()), sequence);
            JsonNode otherSignature = verify();
            restoreTable("audit_digest");

            // when it is left out
            jdbc.update("delete from audit_digest where sequence = ?", sequence);
            JsonNode leftOut = verify();

            // then
            assertThat(otherKey.get("valid").asBoolean()).isFalse();
            assertThat(otherKey.get("problem").asText()).contains("not with this ledger's key");
            assertThat(otherSignature.get("valid").asBoolean()).isFalse();
            assertThat(otherSignature.get("problem").asText()).contains("signature does not verify");
            assertThat(leftOut.get("valid").asBoolean()).isFalse();
            assertThat(leftOut.get("problem").asText()).isEqualTo("digest " + sequence + " is missing");
        } finally {
            restoreAndDropSaved("audit_digest");
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as("%s", after).isTrue();
        assertThat(after.get("digests").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRebuiltTrailReplacesTheLiveOneOnlyIfItIsTheTrailTheDigestsSigned() {
        // given
        OperatorHttp operator = OperatorHttp.as(http, LedgerActors.OPERATOR);
        sign(AUDITOR);

        // when the rebuild gives the chain the digests signed
        RawSignedRequests.Response same = operator.replay("audit-trail");
        operator.awaitRebuilt("audit-trail");

        // then it is swapped in, and everything still verifies
        assertThat(same.status()).as(same.body()).isEqualTo(202);
        assertThat(verify().get("valid").asBoolean()).as("%s", verify()).isTrue();

        // when a digest signed another chain than the rebuild gives (as when events committed out of global-index
        // order the first time, and the live trail recorded them in that order)
        JsonNode digest = sign(AUDITOR).json();
        List<String> live = chainExport();
        saveTable("audit_digest");
        try {
            jdbc.update("update audit_digest set last_hash = ? where sequence = ?", "f".repeat(64),
                    digest.get("sequence").asLong());
            RawSignedRequests.Response other = operator.replay("audit-trail");
            OperatorHttp.await("the rebuild to end", () -> !operator.projection("audit-trail").path("rebuild")
                    .path("state").asText().matches("RUNNING|SWAPPING"));
            JsonNode refused = operator.projection("audit-trail").path("rebuild");

            // then the rebuild fails, saying why, and the live trail stays as it was
            assertThat(other.status()).as(other.body()).isEqualTo(202);
            assertThat(refused.path("state").asText()).as("%s", refused).isEqualTo("FAILED");
            assertThat(refused.path("error").asText()).contains("not the one digest " + digest.get("sequence")
                    + " signed", "the live trail, which the digests verify, was kept");
            assertThat(chainExport()).isEqualTo(live);
        } finally {
            restoreAndDropSaved("audit_digest");
        }
        assertThat(verify().get("valid").asBoolean()).as("%s", verify()).isTrue();
    }

    @Test
    void digestsArePagedNewestFirst() {
        // given
        sign(AUDITOR);
        sign(AUDITOR);

        // when
        RawSignedRequests.Response newest = http.get(AUDITOR, "/ledger/audit/digests?limit=1");
        String before = newest.header("X-Ledger-Next-Before").orElseThrow();
        RawSignedRequests.Response next = http.get(AUDITOR, "/ledger/audit/digests?limit=1&before=" + before);

        // then
        assertThat(newest.json()).hasSize(1);
        assertThat(before).isEqualTo(newest.json().get(0).get("sequence").asText());
        assertThat(next.json().get(0).get("sequence").asLong()).isEqualTo(Long.parseLong(before) - 1);
    }

    @Test
    void auditorsReadDigestsAuditorsAndOperatorsSignThemAndAnyoneReadsTheKey() {
        // given
        String account = LedgerActors.next();

        // when
        RawSignedRequests.Response listedByAccount = http.get(account, "/ledger/audit/digests");
        RawSignedRequests.Response signedByAccount = sign(account);
        RawSignedRequests.Response signedByOperator = sign(LedgerActors.OPERATOR);
        RawSignedRequests.Response listedByOperator = http.get(LedgerActors.OPERATOR, "/ledger/audit/digests");
        RawSignedRequests.Response unsigned = http.unsigned("GET", "/ledger/audit/digests");
        RawSignedRequests.Response unsignedKey = http.unsigned("GET", "/ledger/audit/public-key");
        RawSignedRequests.Response deleted = http.send("DELETE", LedgerActors.accessKeyId(AUDITOR),
                LedgerActors.secret(AUDITOR), "/ledger/audit/digests");
        RawSignedRequests.Response tooMany = http.get(AUDITOR, "/ledger/audit/digests?limit=1001");
        RawSignedRequests.Response unknown = http.get(AUDITOR, "/ledger/audit/digests?since=1");

        // then
        assertThat(listedByAccount.status()).isEqualTo(403);
        assertThat(listedByAccount.errorType()).isEqualTo("AccessDeniedException");
        assertThat(signedByAccount.status()).isEqualTo(403);
        assertThat(signedByOperator.status()).isEqualTo(201);
        assertThat(listedByOperator.status()).isEqualTo(403);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsignedKey.status()).isEqualTo(401);
        assertThat(deleted.status()).isEqualTo(405);
        assertThat(deleted.header("Allow")).hasValue("GET, HEAD, POST");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(400);
    }

    private record Tampering(String name, Runnable change) {
    }

    private record Verdict(int exitCode, String output) {
    }

    private RawSignedRequests.Response sign(String account) {
        return http.send("POST", LedgerActors.accessKeyId(account), LedgerActors.secret(account),
                "/ledger/audit/digests");
    }

    private JsonNode verify() {
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private List<String> chainExport() {
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit?format=chain");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body().lines().toList();
    }

    /** Whether the exported chain holds together by itself: the tampering was done the way an expert would. */
    private boolean chainExportIsConsistent() throws Exception {
        String prev = "0".repeat(64);
        for (String line : chainExport()) {
            String hash = line.substring(0, 64);
            String record = line.substring(65);
            if (!sha256Hex(record.getBytes(StandardCharsets.UTF_8)).equals(hash)
                    || !record.contains("\"prevHash\":\"" + prev + "\"")) {
                return false;
            }
            prev = hash;
        }
        return true;
    }

    /**
     * What someone who can write the database does after changing a record: gives every record from {@code from} on
     * the hash of the one before and a hash of its own content, so that the chain holds together again.
     */
    private void relinkFrom(long from) {
        String prev = from == 1 ? "0".repeat(64)
                : jdbc.queryForObject("select hash from audit_record where seq = ?", String.class, from - 1);
        for (Long seq : jdbc.queryForList("select seq from audit_record where seq >= ? order by seq", Long.class,
                from)) {
            jdbc.update("update audit_record set prev_hash = ? where seq = ?", prev, seq);
            String line = http.get(AUDITOR, "/ledger/audit?format=chain&after=" + (seq - 1) + "&limit=1").body();
            String canonical = line.substring(65, line.length() - 1);
            prev = sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
            jdbc.update("update audit_record set hash = ? where seq = ?", prev, seq);
        }
    }

    private void swapContents(long one, long other) {
        jdbc.update("update audit_record set global_index = -global_index where seq in (?, ?)", one, other);
        for (long[] pair : new long[][] {{one, other}, {other, one}}) {
            jdbc.update("update audit_record set (" + CONTENT_COLUMNS + ") = (select " + CONTENT_COLUMNS
                    + " from audit_record_saved where seq = ?) where seq = ?", pair[1], pair[0]);
        }
    }

    private void saveTable(String table) {
        jdbc.execute("create table " + table + "_saved as select * from " + table);
    }

    /** Puts back what {@link #saveTable} saved, which stays saved. */
    private void restoreTable(String table) {
        jdbc.execute("delete from " + table);
        jdbc.execute("insert into " + table + " select * from " + table + "_saved");
    }

    private void restoreAndDropSaved(String table) {
        restoreTable(table);
        jdbc.execute("drop table " + table + "_saved");
    }

    private void awaitAuditRecordsOf(String handshakeId) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (http.get(AUDITOR, "/ledger/handshakes/" + handshakeId + "/history").status() != 200) {
            assertThat(Instant.now()).as("audit records of %s", handshakeId).isBefore(deadline);
            sleep(100);
        }
    }

    /** Runs tools/verify-audit-export.sh on what the endpoints give now, as the README tells an auditor to. */
    private Verdict verifyOffline() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("audit-verification");
        Path key = Files.writeString(directory.resolve("public-key.pem"),
                http.get(AUDITOR, "/ledger/audit/public-key").body());
        Path digests = Files.writeString(directory.resolve("digests.json"),
                http.get(AUDITOR, "/ledger/audit/digests?limit=1").body());
        Path chain = Files.writeString(directory.resolve("chain.txt"),
                http.get(AUDITOR, "/ledger/audit?format=chain").body());
        Process process = new ProcessBuilder("sh", VERIFY_SCRIPT.toString(), key.toString(), digests.toString(),
                chain.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verdict(process.exitValue(), output);
    }

    private PublicKey publicKey() {
        try {
            String pem = http.get(AUDITOR, "/ledger/audit/public-key").body();
            String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    Base64.getMimeDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verifies(PublicKey key, JsonNode digest) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(digest.get("signingString").asText().getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(digest.get("signature").asText()));
    }

    private static String signature(KeyPair key, String text) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
