package org.handshakeledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A handshake id: {@code h-} followed by 8 to 32 lowercase letters or digits. */
public record HandshakeId(String value) {
    public static final int MAX_LENGTH = 34;
    private static final Pattern PATTERN = Pattern.compile("^h-[0-9a-z]{8,32}$");

    public HandshakeId {
        Objects.requireNonNull(value, "handshake id");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("handshake id must match h-[0-9a-z]{8,32}: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /**
     * The id of the approval handshake that an enable-all-features request sends to one member. Derived, not random,
     * so that the organization can name a member's approval without storing a table of them.
     */
    public HandshakeId approvalFor(AccountId member) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((value + "/" + member.value()).getBytes(StandardCharsets.UTF_8));
            return new HandshakeId("h-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
