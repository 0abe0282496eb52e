package org.handshakeledger.app.awsjson;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import org.handshakeledger.domain.HandshakeId;

/** Validation of request members in the order of spec §3.10: required, length, pattern, enum. */
public final class Inputs {
    private static final Pattern HANDSHAKE_ID = Pattern.compile("^h-[0-9a-z]{8,32}$");
    private static final Pattern ACCOUNT_ID = Pattern.compile("^\\d{12}$");

    private Inputs() {
    }

    public static HandshakeId handshakeId(String member, String value) {
        required(member, value);
        maxLength(member, value, HandshakeId.MAX_LENGTH);
        pattern(member, value, HANDSHAKE_ID);
        return new HandshakeId(value);
    }

    public static String accountId(String member, String value) {
        required(member, value);
        maxLength(member, value, 12);
        pattern(member, value, ACCOUNT_ID);
        return value;
    }

    public static void required(String member, Object value) {
        if (value == null) {
            throw new InvalidInputException(InvalidInputException.INPUT_REQUIRED,
                    "You must provide a value for " + member + ".");
        }
    }

    public static void maxLength(String member, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(InvalidInputException.MAX_LENGTH_EXCEEDED,
                    "You provided a value for " + member + " that is longer than the maximum of " + max + ".");
        }
    }

    public static void minLength(String member, String value, int min) {
        if (value != null && value.length() < min) {
            throw new InvalidInputException(InvalidInputException.MIN_LENGTH_EXCEEDED,
                    "You provided a value for " + member + " that is shorter than the minimum of " + min + ".");
        }
    }

    public static void pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new InvalidInputException(InvalidInputException.INVALID_PATTERN,
                    "You provided a value that does not match the required pattern for " + member + ".");
        }
    }

    public static <E extends Enum<E>> E enumValue(String member, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(InvalidInputException.INVALID_ENUM,
                        "You specified an invalid value for " + member + ": " + value + ". Valid values: "
                                + Arrays.toString(type.getEnumConstants()).toUpperCase(Locale.ROOT) + "."));
    }

    /** MaxResults: 1..20, 20 when absent. */
    public static int maxResults(Integer value) {
        if (value == null) {
            return 20;
        }
        if (value < 1) {
            throw new InvalidInputException(InvalidInputException.MIN_VALUE_EXCEEDED,
                    "You provided a value for MaxResults that is less than the minimum of 1.");
        }
        if (value > 20) {
            throw new InvalidInputException(InvalidInputException.MAX_VALUE_EXCEEDED,
                    "You provided a value for MaxResults that is greater than the maximum of 20.");
        }
        return value;
    }
}
