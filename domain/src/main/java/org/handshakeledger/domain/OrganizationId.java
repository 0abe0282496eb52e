package org.handshakeledger.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** An organization id such as {@code o-a1b2c3d4e5}. */
public record OrganizationId(String value) {
    private static final Pattern PATTERN = Pattern.compile("^o-[a-z0-9]{10,32}$");

    public OrganizationId {
        Objects.requireNonNull(value, "organization id");
        if (!isValid(value)) {
            throw new IllegalArgumentException("organization id must match o-[a-z0-9]{10,32}: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
