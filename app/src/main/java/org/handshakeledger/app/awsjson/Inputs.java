package org.handshakeledger.app.awsjson;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.handshakeledger.domain.HandshakeId;

/**
 * Validation of request members, each rule with its spec §3.10 Reason: required, length, pattern, enum, range.
 * <p>
 * Lengths count Unicode characters (code points), as the AWS model does (Smithy measures a string's length in Unicode
 * scalar values): an emoji is one character, not the two UTF-16 units {@link String#length()} would count.
 * <p>
 * Messages never repeat a value the client sent that has not passed its pattern: such a value may be long or hold
 * anything, and refusals are kept in the audit trail.
 */
public final class Inputs {
    /** The NextToken shape: {@code [\s\S]*}, at most 100000 characters. */
    public static final int NEXT_TOKEN_MAX_LENGTH = 100_000;

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

    /** An optional NextToken: the shape's length; whether it belongs to the call is {@link NextTokens}' question. */
    public static String nextToken(String value) {
        maxLength("NextToken", value, NEXT_TOKEN_MAX_LENGTH);
        return value;
    }

    public static void required(String member, Object value) {
        if (value == null) {
            throw new InvalidInputException(InvalidInputException.INPUT_REQUIRED,
                    "You must provide a value for " + member + ".");
        }
    }

    /** The length AWS measures: Unicode characters (code points). */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    public static void maxLength(String member, String value, int max) {
        if (value != null && length(value) > max) {
            throw new InvalidInputException(InvalidInputException.MAX_LENGTH_EXCEEDED,
                    "You provided a value for " + member + " that is longer than the maximum of " + max + ".");
        }
    }

    public static void minLength(String member, String value, int min) {
        if (value != null && length(value) < min) {
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

    /** Free text (the model allows anything) that must still pass {@link FreeTextScreen}. */
    public static void freeText(String member, String value) {
        if (value != null) {
            FreeTextScreen.findActiveContent(value).ifPresent(found -> {
                throw new InvalidInputException(InvalidInputException.INVALID_PATTERN,
                        "You provided a value that does not match the required pattern for " + member + ": it contains "
                                + found + ", which is not allowed in free text.");
            });
        }
    }

    /** The constant of {@code type} named {@code value}, matched exactly; null for an absent member. */
    public static <E extends Enum<E>> E enumValue(String member, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(InvalidInputException.INVALID_ENUM,
                        "You specified an invalid value for " + member + ". Valid values: "
                                + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                                        .collect(Collectors.joining(", ")) + "."));
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
