package org.handshakeledger.app.awsjson;

/**
 * A request body over {@link RequestBodies#MAX_BYTES}: HTTP 413 with the code and message AWS's own front ends send
 * for an oversized request ({@code RequestEntityTooLarge}, "Request size 1048577 exceeded 1048576 bytes").
 */
public class RequestEntityTooLargeException extends AwsProtocolException {
    public static final String ERROR_CODE = "RequestEntityTooLarge";

    private RequestEntityTooLargeException(String message) {
        super(ERROR_CODE, message);
    }

    /** The body declared (Content-Length) or turned out to have {@code size} bytes. */
    static RequestEntityTooLargeException ofSize(long size, int limit) {
        return new RequestEntityTooLargeException("Request size " + size + " exceeded " + limit + " bytes");
    }

    /** A body sent without a length (chunked) that went on past the limit; how far it goes is never read. */
    static RequestEntityTooLargeException ofUnknownSize(int limit) {
        return new RequestEntityTooLargeException("Request size exceeded " + limit + " bytes");
    }

    @Override
    public int status() {
        return 413;
    }
}
