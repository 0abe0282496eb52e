package org.handshakeledger.app.awsjson;

/** A request the service cannot even interpret: unknown operation, unparsable body, failed authentication. */
public class AwsProtocolException extends RuntimeException {
    private final String errorCode;

    public AwsProtocolException(String errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
