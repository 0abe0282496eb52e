package org.handshakeledger.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A 12-digit AWS account id. */
public record AccountId(String value) {
    private static final Pattern PATTERN = Pattern.compile("^\\d{12}$");

    public AccountId {
        Objects.requireNonNull(value, "account id");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
