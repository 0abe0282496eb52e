package org.handshakeledger.app.mirror;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handshakeledger.domain.mirror.ObservedHandshake;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The poller's memory ({@code V10__mirror.sql}): which upstream handshakes it has seen and not seen vanish, and how
 * its polls of each endpoint went. Only the poller writes it, one poll at a time (db-scheduler runs the task on one
 * instance of those sharing the database).
 */
@Component
public class MirrorState {
    private static final String SAW = """
            UPDATE mirror_handshake SET endpoint = :endpoint, organization_id = :organization, state = :state,
                   last_seen_at = :at, vanished_at = NULL
            WHERE handshake_id = :id""";
    private static final String FIRST_SAW = """
            INSERT INTO mirror_handshake (handshake_id, endpoint, organization_id, state, first_seen_at, last_seen_at)
            VALUES (:id, :endpoint, :organization, :state, :at, :at)""";
    private static final String LISTED = """
            SELECT handshake_id FROM mirror_handshake WHERE endpoint = :endpoint AND vanished_at IS NULL""";
    private static final String VANISHED = """
            UPDATE mirror_handshake SET vanished_at = :at WHERE handshake_id = :id""";
    private static final String COUNTS = """
            SELECT COUNT(*) AS seen, COUNT(vanished_at) AS vanished FROM mirror_handshake WHERE endpoint = :endpoint""";
    private static final String NEWEST = """
            SELECT * FROM mirror_handshake ORDER BY first_seen_at DESC, handshake_id LIMIT :limit""";
    private static final String STATUS = "SELECT * FROM mirror_status WHERE endpoint = :endpoint";
    private static final String STARTED = """
            UPDATE mirror_status SET region = :region, last_poll_started_at = :at WHERE endpoint = :endpoint""";
    private static final String FIRST_STARTED = """
            INSERT INTO mirror_status (endpoint, region, last_poll_started_at, failures_in_a_row, handshakes_listed)
            VALUES (:endpoint, :region, :at, 0, 0)""";
    private static final String SUCCEEDED = """
            UPDATE mirror_status SET organization_id = :organization, account_id = :account, last_poll_ended_at = :at,
                   last_success_at = :at, failures_in_a_row = 0, handshakes_listed = :listed
            WHERE endpoint = :endpoint""";
    private static final String FAILED = """
            UPDATE mirror_status SET last_poll_ended_at = :at, last_error_at = :at, last_error = :error,
                   failures_in_a_row = failures_in_a_row + 1
            WHERE endpoint = :endpoint""";
    private static final int MAX_ERROR = 4096;

    private final NamedParameterJdbcTemplate jdbc;

    public MirrorState(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How the polls of one endpoint went; {@code lastError} stays after a later success, with its time. */
    record PollStatus(String endpoint, String region, String organizationId, String accountId,
                             Instant lastPollStartedAt, Instant lastPollEndedAt, Instant lastSuccessAt,
                             Instant lastErrorAt, String lastError, int failuresInARow, int handshakesListed,
                             long handshakesSeen, long handshakesVanished) {
    }

    void saw(String endpoint, ObservedHandshake handshake, Instant at) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", handshake.id());
        row.put("endpoint", endpoint);
        row.put("organization", handshake.organizationId());
        row.put("state", handshake.state());
        row.put("at", utc(at));
        if (jdbc.update(SAW, row) == 0) {
            jdbc.update(FIRST_SAW, row);
        }
    }

    /** The handshakes of the endpoint seen and not yet seen to vanish. */
    List<String> listed(String endpoint) {
        return jdbc.queryForList(LISTED, Map.of("endpoint", endpoint), String.class);
    }

    void vanished(String handshakeId, Instant at) {
        jdbc.update(VANISHED, Map.of("id", handshakeId, "at", utc(at)));
    }

    void pollStarted(String endpoint, String region, Instant at) {
        Map<String, Object> row = Map.of("endpoint", endpoint, "region", region, "at", utc(at));
        if (jdbc.update(STARTED, row) == 0) {
            jdbc.update(FIRST_STARTED, row);
        }
    }

    void pollSucceeded(String endpoint, String organizationId, String accountId, int listed, Instant at) {
        Map<String, Object> row = new HashMap<>();
        row.put("endpoint", endpoint);
        row.put("organization", organizationId);
        row.put("account", accountId);
        row.put("listed", listed);
        row.put("at", utc(at));
        jdbc.update(SUCCEEDED, row);
    }

    void pollFailed(String endpoint, String error, Instant at) {
        String cut = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.update(FAILED, Map.of("endpoint", endpoint, "error", cut, "at", utc(at)));
    }

    /** The status of the endpoint's polls; all empty before its first poll. */
    PollStatus status(String endpoint) {
        Map<String, Object> key = Map.of("endpoint", endpoint);
        Map<String, Object> counts = jdbc.queryForMap(COUNTS, key);
        long seen = ((Number) counts.get("seen")).longValue();
        long vanished = ((Number) counts.get("vanished")).longValue();
        return jdbc.query(STATUS, key, (rs, n) -> status(rs, seen, vanished)).stream().findFirst()
                .orElseGet(() -> new PollStatus(endpoint, null, null, null, null, null, null, null, null, 0, 0, seen,
                        vanished));
    }

    /** A handshake the mirror has seen, as it last saw it. */
    public record SeenHandshake(String handshakeId, String endpoint, String organizationId, String state,
                                Instant firstSeenAt, Instant lastSeenAt, Instant vanishedAt) {
    }

    /** The {@code limit} handshakes first seen last, of any endpoint, newest first. */
    public List<SeenHandshake> newest(int limit) {
        return jdbc.query(NEWEST, Map.of("limit", limit), (rs, n) -> new SeenHandshake(rs.getString("handshake_id"),
                rs.getString("endpoint"), rs.getString("organization_id"), rs.getString("state"),
                instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), instant(rs, "vanished_at")));
    }

    private static PollStatus status(ResultSet rs, long seen, long vanished) throws SQLException {
        return new PollStatus(rs.getString("endpoint"), rs.getString("region"), rs.getString("organization_id"),
                rs.getString("account_id"), instant(rs, "last_poll_started_at"), instant(rs, "last_poll_ended_at"),
                instant(rs, "last_success_at"), instant(rs, "last_error_at"), rs.getString("last_error"),
                rs.getInt("failures_in_a_row"), rs.getInt("handshakes_listed"), seen, vanished);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
