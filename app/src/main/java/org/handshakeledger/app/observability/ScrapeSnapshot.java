package org.handshakeledger.app.observability;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A reading shared by the gauges of one scrape: several gauges that show parts of one query ask for it in turn, and
 * only the first asks the database. A reading is reused for {@link #FRESH_FOR}, far less than any scrape interval.
 */
public final class ScrapeSnapshot<T> {
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final Supplier<T> reading;
    private T last;
    private long takenAt;

    public ScrapeSnapshot(Supplier<T> reading) {
        this.reading = reading;
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (last == null || now - takenAt > FRESH_FOR.toNanos()) {
            last = reading.get();
            takenAt = now;
        }
        return last;
    }
}
