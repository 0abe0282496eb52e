package org.handshakeledger.app.auditor.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import org.handshakeledger.projections.audit.AuditChainPoints.ChainPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeyTest {
    @TempDir
    Path directory;

    @Test
    void aKeyIsWrittenOnceAndReadBackTheSame() {
        // given
        Path file = directory.resolve("keys").resolve("audit.pem");

        // when
        AuditSigningKey generated = AuditSigningKey.loadOrCreate(file);
        AuditSigningKey reread = AuditSigningKey.loadOrCreate(file);

        // then
        assertThat(reread.keyId()).isEqualTo(generated.keyId()).matches("[0-9a-f]{64}");
        assertThat(reread.verifies("text", generated.sign("text"))).isTrue();
        assertThat(reread.verifies("other text", generated.sign("text"))).isFalse();
        assertThat(reread.verifies("text", "not base64!")).isFalse();
        assertThat(directory.resolve("keys").toFile().list()).containsExactly("audit.pem");
    }

    @Test
    void aKeyOpensslWroteInPkcs8IsRead() throws Exception {
        // given what openssl genpkey -algorithm RSA writes
        byte[] pkcs8 = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
        Path file = Files.writeString(directory.resolve("openssl.pem"), "-----BEGIN PRIVATE KEY-----\r\n"
                + Base64.getMimeEncoder().encodeToString(pkcs8) + "\r\n-----END PRIVATE KEY-----\r\n");

        // when
        AuditSigningKey key = AuditSigningKey.loadOrCreate(file);

        // then
        assertThat(key.verifies("text", key.sign("text"))).isTrue();
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void whatIsNotAnUnencryptedRsaKeyInPkcs8IsRefusedSayingWhy() throws Exception {
        Path pkcs1 = Files.writeString(directory.resolve("pkcs1.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        Path garbage = Files.writeString(directory.resolve("garbage.pem"), "secret");
        Path notRsa = Files.writeString(directory.resolve("ec.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KeyPairGenerator.getInstance("EC").generateKeyPair()
                .getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> AuditSigningKey.loadOrCreate(pkcs1)).isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("'RSA PRIVATE KEY'").hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> AuditSigningKey.loadOrCreate(garbage))
                .hasMessageContaining("it holds no PEM block");
        assertThatThrownBy(() -> AuditSigningKey.loadOrCreate(notRsa))
                .hasMessageContaining("it holds no RSA private key");
    }

    @Test
    void aDigestSignsOneLineNamingItsValuesAndThePreviousSignature() {
        // given
        AuditSigningKey key = AuditSigningKey.loadOrCreate(directory.resolve("audit.pem"));
        Instant time = Instant.parse("2026-12-06T22:00:00Z");

        // when
        AuditDigest first = AuditDigest.sign(null, new ChainPoint(0, "0".repeat(64), 0), time, key);
        AuditDigest second = AuditDigest.sign(first, new ChainPoint(7, "ab".repeat(32), 7), time.plusSeconds(1), key);

        // then
        assertThat(first.signingString()).isEqualTo("handshake-ledger-audit-digest/1 sequence=1 lastSeq=0 lastHash="
                + "0".repeat(64) + " recordCount=0 time=2026-12-06T22:00:00.000Z keyId=" + key.keyId()
                + " previousSignature=none");
        assertThat(second.signingString()).isEqualTo("handshake-ledger-audit-digest/1 sequence=2 lastSeq=7 lastHash="
                + "ab".repeat(32) + " recordCount=7 time=2026-12-06T22:00:01.000Z keyId=" + key.keyId()
                + " previousSignature=" + first.signature());
        assertThat(second.expectedSigningString()).isEqualTo(second.signingString());
        assertThat(key.verifies(second.signingString(), second.signature())).isTrue();
    }
}
