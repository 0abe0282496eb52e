package org.handshakeledger.app.auth;

import java.util.Objects;

/**
 * A request could not be authenticated. {@link #errorCode()} is the AWS error shape ({@code __type}) to answer with;
 * the message is the AWS-like text for the client.
 */
public class AuthenticationFailedException extends RuntimeException {

    public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
    public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
    public static final String INVALID_SIGNATURE = "InvalidSignatureException";
    public static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
    public static final String REQUEST_EXPIRED = "RequestExpired";

    static final String SIGNATURE_MISMATCH_MESSAGE = "The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method.";

    private final String errorCode;

    public AuthenticationFailedException(String errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public String errorCode() {
        return errorCode;
    }

    static AuthenticationFailedException missingAuthenticationToken() {
        return new AuthenticationFailedException(MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    static AuthenticationFailedException unrecognizedClient() {
        return new AuthenticationFailedException(UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
    }

    static AuthenticationFailedException signatureMismatch() {
        return new AuthenticationFailedException(INVALID_SIGNATURE, SIGNATURE_MISMATCH_MESSAGE);
    }

    static AuthenticationFailedException invalidSignature(String message) {
        return new AuthenticationFailedException(INVALID_SIGNATURE, message);
    }

    static AuthenticationFailedException incompleteSignature(String message) {
        return new AuthenticationFailedException(INCOMPLETE_SIGNATURE, message);
    }

    static AuthenticationFailedException requestExpired(String message) {
        return new AuthenticationFailedException(REQUEST_EXPIRED, message);
    }
}
