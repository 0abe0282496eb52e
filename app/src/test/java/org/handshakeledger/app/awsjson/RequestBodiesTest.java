package org.handshakeledger.app.awsjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestBodiesTest {
    private static final int LIMIT = 1000;

    @Test
    void readsABodyUpToTheLimit() {
        // given
        MockHttpServletRequest http = new MockHttpServletRequest("POST", "/");
        http.setContent(new byte[LIMIT]);

        // when
        byte[] body = RequestBodies.read(http, LIMIT);

        // then
        assertThat(body).hasSize(LIMIT);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingAByte() {
        // given
        CountingStream stream = new CountingStream(new ByteArrayInputStream(new byte[LIMIT + 1]));
        MockHttpServletRequest http = new StreamingRequest(stream, LIMIT + 1);

        // when
        RequestEntityTooLargeException tooLarge = catchThrowableOfType(RequestEntityTooLargeException.class,
                () -> RequestBodies.read(http, LIMIT));

        // then
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("RequestEntityTooLarge");
        assertThat(tooLarge.getMessage()).isEqualTo("Request size 1001 exceeded 1000 bytes");
        assertThat(stream.read.get()).isZero();
    }

    @Test
    void stopsReadingABodyOfUnknownLengthOneBytePastTheLimit() {
        // given
        CountingStream stream = new CountingStream(endless());
        MockHttpServletRequest http = new StreamingRequest(stream, -1);

        // when
        RequestEntityTooLargeException tooLarge = catchThrowableOfType(RequestEntityTooLargeException.class,
                () -> RequestBodies.read(http, LIMIT));

        // then
        assertThat(tooLarge.getMessage()).isEqualTo("Request size exceeded 1000 bytes");
        assertThat(stream.read.get()).isEqualTo(LIMIT + 1);
    }

    @Test
    void aBodyThatBreaksOffIsASerializationException() {
        // given
        MockHttpServletRequest http = new StreamingRequest(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        }, 10);

        // when
        AwsProtocolException broken = catchThrowableOfType(AwsProtocolException.class,
                () -> RequestBodies.read(http, LIMIT));

        // then
        assertThat(broken.errorCode()).isEqualTo("SerializationException");
        assertThat(broken.getMessage()).isEqualTo("The request body could not be read.");
    }

    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
    }

    /** Counts the bytes taken from the stream it wraps. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        final AtomicLong read = new AtomicLong();

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read.incrementAndGet();
            }
            return b;
        }
    }

    /** A request whose body comes from a stream, with the given Content-Length (-1: none, as when chunked). */
    private static final class StreamingRequest extends MockHttpServletRequest {
        private final InputStream body;
        private final long contentLength;

        StreamingRequest(InputStream body, long contentLength) {
            super("POST", "/");
            this.body = body;
            this.contentLength = contentLength;
        }

        @Override
        public long getContentLengthLong() {
            return contentLength;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                }
            };
        }
    }
}
