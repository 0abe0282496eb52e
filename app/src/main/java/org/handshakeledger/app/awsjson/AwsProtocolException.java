package org.handshakeledger.app.awsjson;

/**
 * A request the service cannot even interpret: unknown operation, unparsable body, failed authentication. HTTP 400
 * unless a subclass says otherwise.
 */
public class AwsProtocolException extends RuntimeException {
    private final String errorCode;

    public AwsProtocolException(String errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return 400;
    }
}
