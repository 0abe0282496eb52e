package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.axonframework.queryhandling.QueryHandler;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.springframework.stereotype.Component;

/**
 * Answers {@link SearchHandshakesQuery} with one keyset page, newest first. Each query reads one index in its order
 * (organization, recipient account, recipient email, or request time for everything) and stops after the page, as
 * the AWS List operations do; the filters are conditions on the rows that index yields.
 */
@Component
public class HandshakeSearch {
    private static final List<HandshakeState> PENDING = Arrays.stream(HandshakeState.values())
            .filter(HandshakeState::isPending).toList();

    @PersistenceContext
    private EntityManager entityManager;

    /** The index a list reads, in its order: its first column (null: request time) and the value it must have. */
    private enum Index {
        EVERYTHING(null), ORGANIZATION("organizationId"), RECIPIENT_ACCOUNT("recipientAccountId"),
        RECIPIENT_EMAIL("recipientEmail");

        private final String column;

        Index(String column) {
            this.column = column;
        }
    }

    @QueryHandler
    public HandshakePage handle(SearchHandshakesQuery query) {
        List<HandshakeViewEntity> rows;
        if (query.recipientAccountId() == null && query.recipientEmail() == null) {
            rows = query.organizationId() == null ? page(query, Index.EVERYTHING, null)
                    : page(query, Index.ORGANIZATION, query.organizationId());
        } else {
            // one query per index, merged, as ListHandshakesForAccount does
            Map<String, HandshakeViewEntity> merged = new LinkedHashMap<>();
            if (query.recipientAccountId() != null) {
                page(query, Index.RECIPIENT_ACCOUNT, query.recipientAccountId())
                        .forEach(row -> merged.putIfAbsent(row.getId(), row));
            }
            if (query.recipientEmail() != null) {
                page(query, Index.RECIPIENT_EMAIL, query.recipientEmail().toLowerCase(Locale.ROOT))
                        .forEach(row -> merged.putIfAbsent(row.getId(), row));
            }
            rows = merged.values().stream().sorted(HandshakeViewProjection.NEWEST_FIRST)
                    .limit(query.page().size() + 1L).toList();
        }
        boolean more = rows.size() > query.page().size();
        return new HandshakePage(rows.stream().limit(query.page().size())
                .map(row -> HandshakeView.from(row, query.now())).toList(), more);
    }

    private List<HandshakeViewEntity> page(SearchHandshakesQuery query, Index index, String key) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        conditions.add("h.visibleUntil > :now");
        parameters.put("now", query.now());
        if (index.column != null) {
            conditions.add("h." + index.column + " = :key");
            parameters.put("key", key);
        }
        if (index != Index.ORGANIZATION && query.organizationId() != null) {
            conditions.add("h.organizationId = :organizationId");
            parameters.put("organizationId", query.organizationId());
        }
        if (query.state() != null) {
            conditions.add(stateCondition(query.state(), query.now(), parameters));
        }
        if (query.action() != null) {
            conditions.add("h.action = :action");
            parameters.put("action", query.action());
        }
        if (query.from() != null) {
            conditions.add("h.requestedAt >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("h.requestedAt < :to");
            parameters.put("to", query.to());
        }
        PageRequest page = query.page();
        if (page.afterRequestedAt() != null) {
            conditions.add("(h.requestedAt < :afterRequestedAt"
                    + " or (h.requestedAt = :afterRequestedAt and h.id > :afterId))");
            parameters.put("afterRequestedAt", page.afterRequestedAt());
            parameters.put("afterId", page.afterId());
        }
        // ordering by the index's own columns lets the database read it in order and stop after the page
        String jpql = "select h from HandshakeViewEntity h where " + String.join(" and ", conditions)
                + " order by " + (index.column == null ? "" : "h." + index.column + ", ")
                + "h.requestedAt desc, h.id asc";
        TypedQuery<HandshakeViewEntity> typed = entityManager.createQuery(jpql, HandshakeViewEntity.class)
                .setMaxResults(page.size() + 1);
        parameters.forEach(typed::setParameter);
        return typed.getResultList();
    }

    /** The state as {@link HandshakeView#stateAt} evaluates it: a pending handshake past its expiry is EXPIRED. */
    private static String stateCondition(HandshakeState state, Instant now, Map<String, Object> parameters) {
        parameters.put("state", state);
        if (state.isPending()) {
            parameters.put("stateNow", now);
            return "h.state = :state and h.expiresAt > :stateNow";
        }
        if (state == HandshakeState.EXPIRED) {
            parameters.put("stateNow", now);
            parameters.put("pending", PENDING);
            return "(h.state = :state or (h.state in :pending and h.expiresAt <= :stateNow))";
        }
        return "h.state = :state";
    }
}
