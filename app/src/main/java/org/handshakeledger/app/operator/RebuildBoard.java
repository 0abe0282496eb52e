package org.handshakeledger.app.operator;

import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.handshakeledger.app.operator.RebuildProgress.State;
import org.handshakeledger.projections.SharedStore;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuilds of every instance sharing the database, in the table {@code view_rebuild}: one row per view with its
 * running or last rebuild. The instance running a rebuild claims it here and reports its progress every second, so
 * that {@code GET /ledger/projections} shows it on any instance and a second rebuild is refused on any instance. A
 * running rebuild whose reports stopped for {@link #ABANDONED_AFTER} was left by an instance that died: it shows as
 * failed and blocks nothing.
 */
@Component
class RebuildBoard {
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(15);
    /** The advisory lock that serializes claims on PostgreSQL: "REBUILDS" in ASCII. */
    private static final long CLAIM_LOCK = 0x52454255494c4453L;
    private static final String COLUMNS = "view_name, state, started_at, finished_at, position, head, events_per_second,"
            + " error, instance, heartbeat_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final boolean shared;
    private final Clock clock;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();

    RebuildBoard(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.shared = SharedStore.isShared(dataSource);
        this.clock = clock;
    }

    /**
     * Records {@code started} as the running rebuild of its view, unless a rebuild of any view runs on any instance.
     *
     * @throws RebuildInProgressException with the running one
     */
    void claim(RebuildProgress started) {
        transaction.executeWithoutResult(status -> {
            if (shared) {
                jdbc.execute("SELECT pg_advisory_xact_lock(" + CLAIM_LOCK + ")");
            }
            Optional<RebuildProgress> running = jdbc.query("SELECT " + COLUMNS + " FROM view_rebuild"
                    + " WHERE state IN ('RUNNING', 'SWAPPING') AND heartbeat_at > ?", this::progress,
                    at(clock.instant().minus(ABANDONED_AFTER))).stream().findFirst();
            if (running.isPresent()) {
                throw new RebuildInProgressException(running.get());
            }
            jdbc.update("DELETE FROM view_rebuild WHERE view_name = ?", started.view());
            jdbc.update("INSERT INTO view_rebuild (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    started.view(), started.state().name(), at(started.startedAt()), at(started.finishedAt()),
                    started.position(), started.head(), started.eventsPerSecond(), truncated(started.error()), instance,
                    at(clock.instant()));
        });
    }

    /** Where the rebuild this instance runs stands now; also its heartbeat. */
    void report(RebuildProgress progress) {
        jdbc.update("UPDATE view_rebuild SET state = ?, finished_at = ?, position = ?, head = ?, events_per_second = ?,"
                        + " error = ?, heartbeat_at = ? WHERE view_name = ? AND instance = ?",
                progress.state().name(), at(progress.finishedAt()), progress.position(), progress.head(),
                progress.eventsPerSecond(), truncated(progress.error()), at(clock.instant()), progress.view(), instance);
    }

    /** The running or last rebuild of {@code view} on any instance. */
    Optional<RebuildProgress> latest(RebuildableView view) {
        List<RebuildProgress> rows = jdbc.query("SELECT " + COLUMNS + " FROM view_rebuild WHERE view_name = ?",
                this::progress, view.processingGroup());
        return rows.stream().findFirst();
    }

    private RebuildProgress progress(ResultSet rs, int row) throws SQLException {
        State state = State.valueOf(rs.getString("state"));
        Instant finishedAt = instant(rs, "finished_at");
        String error = rs.getString("error");
        Instant heartbeat = instant(rs, "heartbeat_at");
        if (finishedAt == null && heartbeat.isBefore(clock.instant().minus(ABANDONED_AFTER))) {
            // the instance running it died: the view it was building was never swapped in
            error = "The instance running this rebuild (" + rs.getString("instance") + ") stopped reporting at "
                    + heartbeat + "; the live view was left as it was";
            state = State.FAILED;
            finishedAt = heartbeat;
        }
        return new RebuildProgress(rs.getString("view_name"), state, instant(rs, "started_at"), finishedAt,
                rs.getLong("position"), rs.getLong("head"), rs.getLong("events_per_second"), error);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncated(String error) {
        return error == null || error.length() <= 4000 ? error : error.substring(0, 4000);
    }
}
