package org.handshakeledger.app.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** A client of {@code /ledger/events}: parses the SSE frames of a response body on a thread of its own. */
final class SseStream implements AutoCloseable {
    /** One SSE event: its {@code id}, {@code event} and {@code data} (parsed as JSON). */
    record Frame(long id, String event, JsonNode data) {
    }

    private final InputStream body;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger framesRead = new AtomicInteger();
    /** For each comment line (heartbeat) read, in order: how many frames had been read before it. */
    private final List<Integer> framesBeforeComments = new CopyOnWriteArrayList<>();
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
                        framesRead.incrementAndGet();
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    framesBeforeComments.add(framesRead.get());
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
        return takeUntil((taken, frame) -> taken.size() == n, n + " events", patience);
    }

    /**
     * The next frames up to and including the first that matches {@code last}, failing if it does not arrive within
     * {@code patience}. Events come in global-index order, so with {@code last} an event made after the others, an
     * unwanted event before it is among the frames returned.
     */
    List<Frame> takeThrough(Predicate<Frame> last, Duration patience) throws InterruptedException {
        return takeUntil((taken, frame) -> last.test(frame), "the last event expected", patience);
    }

    private List<Frame> takeUntil(BiPredicate<List<Frame>, Frame> done, String what, Duration patience)
            throws InterruptedException {
        List<Frame> taken = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        Frame frame;
        do {
            frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("Not all of " + what + " arrived, only: " + taken);
            }
            taken.add(frame);
        } while (!done.test(taken, frame));
        return taken;
    }

    /** The comment lines (heartbeats) read so far, the one that opens the stream included. */
    int comments() {
        return framesBeforeComments.size();
    }

    /**
     * How many frames had arrived when the {@code n}th comment line did, waiting up to {@code patience} for it. The
     * server writes the first when the stream opens, and each later one when it has written nothing for a heartbeat
     * interval, which is after it has read the store at least once more.
     */
    int framesBeforeComment(int n, Duration patience) {
        await("comment line " + n + " of the stream").atMost(patience).until(() -> framesBeforeComments.size() >= n);
        return framesBeforeComments.get(n - 1);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
