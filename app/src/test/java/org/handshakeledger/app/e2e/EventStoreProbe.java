package org.handshakeledger.app.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.handshakeledger.projections.SharedStore;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads what the ledger stored, beneath the AWS API: the events of one aggregate and the pending deadlines. The
 * AWS views evaluate expiry and retention lazily, so only the store shows whether a deadline really fired.
 */
final class EventStoreProbe {
    private final JdbcTemplate jdbc;

    EventStoreProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Simple names of the aggregate's event types, oldest first. */
    List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    /** The JSON payload of the aggregate's first event of the given type. */
    String payload(String aggregateId, String simpleType) {
        return jdbc.query("select payload_type, payload from domain_event_entry where aggregate_identifier = ?"
                        + " order by sequence_number", rs -> {
            while (rs.next()) {
                if (rs.getString(1).endsWith("." + simpleType)) {
                    return new String(rs.getBytes(2), StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("No " + simpleType + " for " + aggregateId);
        }, aggregateId);
    }

    boolean isScheduled(String scheduleId) {
        Integer count = jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?",
                Integer.class, scheduleId);
        return count != null && count > 0;
    }

    /** Polls until the aggregate's events satisfy {@code condition}, for at most {@code timeout}. */
    List<String> awaitEvents(String aggregateId, Predicate<List<String>> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> events = eventTypes(aggregateId);
        while (!condition.test(events) && Instant.now().isBefore(deadline)) {
            sleep(100);
            events = eventTypes(aggregateId);
        }
        return events;
    }

    static void sleepUntil(Instant moment) {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            sleep(millis);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Takes the next global index from the event store's sequence, as Axon would for a new event. */
    static long nextGlobalIndex(JdbcTemplate jdbc) {
        String sql = SharedStore.isShared(jdbc.getDataSource())
                ? "SELECT nextval('domain_event_entry_seq')" : "SELECT NEXT VALUE FOR domain_event_entry_seq";
        return jdbc.queryForObject(sql, Long.class);
    }
}
