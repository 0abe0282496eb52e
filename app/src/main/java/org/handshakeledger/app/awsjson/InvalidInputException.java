package org.handshakeledger.app.awsjson;

import org.handshakeledger.domain.OrganizationsException;

/** A request member failed validation; the Reason names the rule (spec §3.10). */
public class InvalidInputException extends OrganizationsException {
    public static final String INPUT_REQUIRED = "INPUT_REQUIRED";
    public static final String MAX_LENGTH_EXCEEDED = "MAX_LENGTH_EXCEEDED";
    public static final String MIN_LENGTH_EXCEEDED = "MIN_LENGTH_EXCEEDED";
    public static final String INVALID_PATTERN = "INVALID_PATTERN";
    public static final String INVALID_ENUM = "INVALID_ENUM";
    public static final String MAX_VALUE_EXCEEDED = "MAX_VALUE_EXCEEDED";
    public static final String MIN_VALUE_EXCEEDED = "MIN_VALUE_EXCEEDED";
    public static final String INVALID_NEXT_TOKEN = "INVALID_NEXT_TOKEN";
    public static final String MAX_LIMIT_EXCEEDED_FILTER = "MAX_LIMIT_EXCEEDED_FILTER";
    public static final String INVALID_PARTY_TYPE_TARGET = "INVALID_PARTY_TYPE_TARGET";
    public static final String INVALID_EMAIL_ADDRESS_TARGET = "INVALID_EMAIL_ADDRESS_TARGET";
    public static final String DUPLICATE_TAG_KEY = "DUPLICATE_TAG_KEY";
    public static final String INVALID_SYSTEM_TAGS_PARAMETER = "INVALID_SYSTEM_TAGS_PARAMETER";

    public InvalidInputException(String reason, String message) {
        super(message, reason);
    }
}
