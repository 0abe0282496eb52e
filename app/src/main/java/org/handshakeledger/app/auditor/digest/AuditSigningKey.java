package org.handshakeledger.app.auditor.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private key that signs the audit digests, read from a PEM file outside the database (PKCS#8, as
 * {@code openssl genpkey -algorithm RSA} writes it) or generated there on first start. Signatures are the JDK's
 * {@code SHA256withRSA}, which {@code openssl dgst -sha256 -verify} checks. The key id is the hex SHA-256 of the
 * public key's DER form, so an auditor can compute it from the published PEM:
 * {@code openssl pkey -pubin -in public-key.pem -outform DER | openssl dgst -sha256}.
 */
public final class AuditSigningKey {
    public static final String ALGORITHM = "SHA256withRSA";

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);
    private static final int GENERATED_KEY_BITS = 3072;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = fingerprint(publicKey);
    }

    /** The key in {@code file}; when there is no such file, a new key written there first. */
    public static AuditSigningKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            generate(file);
        }
        return load(file);
    }

    static AuditSigningKey load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSigningKeyException(file, "it cannot be read (" + e.getMessage() + ")");
        }
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new InvalidSigningKeyException(file, "it holds no PEM block");
        }
        if (!pem.group(1).equals("PRIVATE KEY")) {
            throw new InvalidSigningKeyException(file, "it holds a '" + pem.group(1) + "', not an unencrypted PKCS#8"
                    + " 'PRIVATE KEY' (convert one with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
                throw new InvalidSigningKeyException(file, "its RSA key lacks the public part");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new AuditSigningKey(key, publicKey);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidSigningKeyException(file, "it holds no RSA private key");
        }
    }

    // Written to a temporary file readable by its owner only, then moved into place, so that a crash never leaves
    // half a key and a second instance starting at the same moment keeps the first one's key.
    private static void generate(Path file) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".audit-signing-key", ".tmp");
            try {
                if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                        StandardCharsets.US_ASCII);
                moveIntoPlace(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            log.warn("Generated a new audit signing key in {}. It signs the audit digests that prove the trail was not"
                    + " rewritten, so whoever can write the database must not be able to read it: in production keep"
                    + " it outside the data directory (--ledger.audit.signing-key-file), readable by the ledger only,"
                    + " and back it up.", file.toAbsolutePath());
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSigningKeyException(file, "no key could be written there (" + e.getMessage() + ")");
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException anotherInstanceWasFaster) {
            // keep theirs
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
        }
    }

    /** The base64 signature of the UTF-8 bytes of {@code text}. */
    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit signing key cannot sign", e);
        }
    }

    /** Whether {@code signatureBase64} is this key's signature of {@code text}. */
    public boolean verifies(String text, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String fingerprint(PublicKey publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static String pem(String type, byte[] der) {
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + type + "-----\n" + lines.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
