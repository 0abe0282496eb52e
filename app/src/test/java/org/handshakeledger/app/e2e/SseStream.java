package org.handshakeledger.app.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/** A client of {@code /ledger/events}: parses the SSE frames of a response body on a thread of its own. */
final class SseStream implements AutoCloseable {
    /** One SSE event: its {@code id}, {@code event} and {@code data} (parsed as JSON). */
    record Frame(long id, String event, JsonNode data) {
    }

    private final InputStream body;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final Thread reader;

    SseStream(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        frames.add(new Frame(Long.parseLong(id), event, RawSignedRequests.readJson(data.toString())));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** The next {@code n} frames, failing if they do not all arrive within {@code patience}. */
    List<Frame> take(int n, Duration patience) throws InterruptedException {
        List<Frame> taken = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        while (taken.size() < n) {
            Frame frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("Only " + taken.size() + " of " + n + " events arrived: " + taken);
            }
            taken.add(frame);
        }
        return taken;
    }

    /** Frames that arrive within {@code wait}, without failing. */
    List<Frame> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<Frame> rest = new ArrayList<>();
        frames.drainTo(rest);
        return rest;
    }

    int comments() {
        return comments.get();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
