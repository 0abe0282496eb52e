package org.handshakeledger.app.auditor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which handshakes an organization had at an instant, found through the audit trail, which keeps every handshake's
 * creation and deletion forever (the AWS-facing view forgets deleted ones): the records of the organization by the
 * index (organization_id, seq), each candidate's deletion by the index (handshake_id, seq). The work grows with
 * the organization's records, never with the whole ledger's, and the quotas bound how fast an organization gets
 * records. Only the page's handshakes are folded afterwards, so no new index or table is needed.
 *
 * <p>The trail is written by a tracking processor a moment after each event is stored: a handshake created or
 * deleted just now may be missing here for that moment.
 *
 * <p>The order is ListHandshakesForOrganization's: request time descending, then id. A handshake's request time
 * is the {@code request_time} of its creating record, the same instant the handshake carries as requested; for a
 * creation without a request (none exists today) the record's event time stands in.
 */
@Component
class OrganizationHandshakesInTrail {
    /** The events that create a handshake, by the action of the handshake they create. */
    private static final Map<HandshakeAction, String> CREATED_BY_ACTION = Map.of(
            HandshakeAction.INVITE, AccountInvitedEvent.class.getSimpleName(),
            HandshakeAction.ENABLE_ALL_FEATURES, AllFeaturesRequestedEvent.class.getSimpleName(),
            HandshakeAction.APPROVE_ALL_FEATURES, AllFeaturesApprovalRequestedEvent.class.getSimpleName());
    private static final String REQUESTED_AT = "COALESCE(c.request_time, c.event_time)";
    private static final String PAGE = """
            SELECT c.handshake_id, %1$s AS requested_at
            FROM audit_record c
            WHERE c.organization_id = :organization AND c.event_type IN (:created) AND c.event_time <= :at
              AND NOT EXISTS (SELECT 1 FROM audit_record d WHERE d.handshake_id = c.handshake_id
                              AND d.event_type = :deleted AND d.event_time <= :at)
              %2$s
            ORDER BY requested_at DESC, c.handshake_id
            LIMIT :limit""";
    private static final String FIRST_PAGE = PAGE.formatted(REQUESTED_AT, "");
    private static final String NEXT_PAGE = PAGE.formatted(REQUESTED_AT,
            "AND (%1$s < :afterAt OR %1$s = :afterAt AND c.handshake_id > :afterId)".formatted(REQUESTED_AT));
    private static final String ANY_RECORD = "SELECT COUNT(*) FROM (SELECT 1 FROM audit_record"
            + " WHERE organization_id = :organization LIMIT 1) r";

    private final NamedParameterJdbcTemplate jdbc;

    OrganizationHandshakesInTrail(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} handshakes of the organization created at or before {@code at} and not deleted by then,
     * after {@code after} (null: from the first) in the list's order, optionally of one action only.
     */
    List<OrganizationHandshakeCursor> page(String organizationId, Instant at, HandshakeAction action,
                                           OrganizationHandshakeCursor after, int limit) {
        if (action != null && !CREATED_BY_ACTION.containsKey(action)) {
            return List.of(); // an action the ledger never creates
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("organization", organizationId);
        parameters.put("created", action == null ? List.copyOf(CREATED_BY_ACTION.values())
                : List.of(CREATED_BY_ACTION.get(action)));
        parameters.put("deleted", HandshakeDeletedEvent.class.getSimpleName());
        parameters.put("at", utc(at));
        parameters.put("limit", limit);
        if (after != null) {
            parameters.put("afterAt", utc(after.requestedAt()));
            parameters.put("afterId", after.handshakeId());
        }
        return jdbc.query(after == null ? FIRST_PAGE : NEXT_PAGE, parameters, OrganizationHandshakesInTrail::key);
    }

    /** Whether the trail holds any record of the organization: whether it ever existed, as far as the trail knows. */
    boolean knows(String organizationId) {
        Long count = jdbc.queryForObject(ANY_RECORD, Map.of("organization", organizationId), Long.class);
        return count != null && count > 0;
    }

    private static OrganizationHandshakeCursor key(ResultSet rs, int rowNum) throws SQLException {
        return new OrganizationHandshakeCursor(rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                rs.getString("handshake_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
