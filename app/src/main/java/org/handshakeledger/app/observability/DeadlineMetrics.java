package org.handshakeledger.app.observability;

import java.time.Clock;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauges of the handshake deadlines (expiry, deletion after the retention period), which db-scheduler keeps in
 * {@code scheduled_tasks} for every instance sharing the database: {@value #PENDING}, every deadline scheduled and not
 * yet fired, and {@value #OVERDUE}, those whose time has come that no scheduler has picked yet. A few are overdue for
 * up to {@code db-scheduler.polling-interval} in normal operation; a number that keeps growing means the deadlines are
 * not being fired. One query per scrape, answered from the index on {@code execution_time} and the primary key.
 */
@Component
public class DeadlineMetrics {
    public static final String PENDING = "ledger.deadlines.pending";
    public static final String OVERDUE = "ledger.deadlines.overdue";
    /** The task name of every deadline of Axon's db-scheduler deadline manager. */
    static final String DEADLINE_TASK = "AxonDeadline";

    private final JdbcTemplate jdbc;
    // db-scheduler's own notion of now: the system clock, whatever clock the requests are given
    private final Clock clock = Clock.systemUTC();
    private final ScrapeSnapshot<Counts> counts = new ScrapeSnapshot<>(this::count);

    record Counts(long pending, long overdue) {
    }

    public DeadlineMetrics(DataSource dataSource, MeterRegistry meters) {
        this.jdbc = new JdbcTemplate(dataSource);
        Gauge.builder(PENDING, counts, c -> c.get().pending())
                .description("Handshake deadlines scheduled and not yet fired, on all instances")
                .register(meters);
        Gauge.builder(OVERDUE, counts, c -> c.get().overdue())
                .description("Handshake deadlines past their time that no scheduler has picked yet")
                .register(meters);
    }

    Counts count() {
        return jdbc.queryForObject("SELECT COUNT(*),"
                        + " COALESCE(SUM(CASE WHEN execution_time < ? AND picked = FALSE THEN 1 ELSE 0 END), 0)"
                        + " FROM scheduled_tasks WHERE task_name = ?",
                (rs, row) -> new Counts(rs.getLong(1), rs.getLong(2)),
                clock.instant().atOffset(ZoneOffset.UTC), DEADLINE_TASK);
    }
}
