package org.handshakeledger.app.awsjson;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads an AWS JSON request body, at most {@link #MAX_BYTES} of it. A body whose Content-Length says more is refused
 * before a byte of it is read; a body without a length (chunked) is read until it passes the limit and refused then,
 * so no more than {@code MAX_BYTES + 1} bytes are ever held. The signature check needs the whole body, which is why
 * the size is checked first.
 */
public final class RequestBodies {
    /**
     * 1 MiB. The largest valid Organizations request the ledger serves (an invitation with 1024 characters of notes
     * and 50 tags of 128 + 256 characters) is below 100 KiB even if every character takes four bytes in UTF-8.
     */
    public static final int MAX_BYTES = 1_048_576;

    private RequestBodies() {
    }

    /** The whole body; RequestEntityTooLargeException past the limit, SerializationException if it breaks off. */
    public static byte[] read(HttpServletRequest http) {
        return read(http, MAX_BYTES);
    }

    static byte[] read(HttpServletRequest http, int limit) {
        long declared = http.getContentLengthLong();
        if (declared > limit) {
            throw RequestEntityTooLargeException.ofSize(declared, limit);
        }
        try {
            InputStream in = http.getInputStream();
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw RequestEntityTooLargeException.ofUnknownSize(limit);
            }
            return body;
        } catch (IOException e) {
            // the client went away or sent a broken chunked encoding; if anyone is still listening, it hears this
            throw new AwsProtocolException("SerializationException", "The request body could not be read.");
        }
    }
}
