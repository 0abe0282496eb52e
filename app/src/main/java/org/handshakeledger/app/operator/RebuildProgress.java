package org.handshakeledger.app.operator;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a rebuild of one view stands.
 *
 * @param view           the processing group being rebuilt
 * @param state          RUNNING, SWAPPING, COMPLETED or FAILED
 * @param position       global index the rebuild has read up to
 * @param head           global index of the newest event when this was measured
 * @param eventsPerSecond events read from the store per second since the start (the view ignores some of them)
 * @param error          why it failed or is retrying, or null
 */
public record RebuildProgress(String view, State state, Instant startedAt, Instant finishedAt, long position,
                              long head, long eventsPerSecond, String error) {

    public enum State { RUNNING, SWAPPING, COMPLETED, FAILED }

    /** How far the rebuild is, from 0 to 100, to one decimal, never rounded up to 100 before it is done. */
    @JsonProperty("percent")
    public double percent() {
        if (state == State.COMPLETED) {
            return 100;
        }
        return head <= 0 ? 0 : Math.min(99.9, Math.floor(1000.0 * position / head) / 10.0);
    }

    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
    }

    public boolean finished() {
        return state == State.COMPLETED || state == State.FAILED;
    }
}
