package org.handshakeledger.app.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of an AWS-compatible endpoint that passes every byte through (so SigV4 signatures, which cover
 * the Host header, stay valid) until it is told to fail: then each request is answered with the chosen error, and
 * the connections passing through are cut so that pooled ones cannot slip past.
 */
final class FaultyUpstream implements AutoCloseable {
    /** What every request gets while failing. */
    enum Failure {
        NONE(null, null),
        SERVER_ERROR("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/x-amz-json-1.1\r\n",
                "{\"__type\":\"ServiceException\",\"Message\":\"The upstream is having a bad day\"}"),
        THROTTLED("HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\n",
                "{\"__type\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}");

        private final String head;
        private final String body;

        Failure(String head, String body) {
            this.head = head;
            this.body = body;
        }
    }

    private final URI target;
    private final ServerSocket server;
    private final AtomicReference<Failure> failure = new AtomicReference<>(Failure.NONE);
    private final AtomicInteger failed = new AtomicInteger();
    private final Set<Socket> passing = ConcurrentHashMap.newKeySet();

    FaultyUpstream(URI target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::accept);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on every request gets {@code next} ({@link Failure#NONE}: passes through again). */
    void fail(Failure next) {
        failure.set(next);
        if (next != Failure.NONE) {
            passing.forEach(FaultyUpstream::closeQuietly);
        }
    }

    /** Requests answered with a failure so far. */
    int failedRequests() {
        return failed.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Failure now = failure.get();
        if (now != Failure.NONE) {
            answer(client, now);
            return;
        }
        try {
            Socket upstream = new Socket(target.getHost(), target.getPort());
            passing.add(client);
            passing.add(upstream);
            daemon(() -> pipe(upstream, client));
            pipe(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut by fail() or closed by either side
        } finally {
            passing.remove(from);
            passing.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Reads the request (head and body, so the client is not cut off mid-send) and answers the failure. */
    private void answer(Socket client, Failure now) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            int length = contentLength(head);
            in.readNBytes(length);
            byte[] body = now.body.getBytes(StandardCharsets.UTF_8);
            String response = now.head + "Content-Length: " + body.length + "\r\nConnection: close\r\n"
                    + "x-amzn-RequestId: faulty-" + failed.incrementAndGet() + "\r\n\r\n";
            OutputStream out = client.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client gave up
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "faulty-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        passing.forEach(FaultyUpstream::closeQuietly);
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
