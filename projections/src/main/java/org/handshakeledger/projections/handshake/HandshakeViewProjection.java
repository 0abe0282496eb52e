package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * The Describe/List view of handshakes. Rows are upserted by handshake id and remember the last aggregate sequence
 * they applied, so redelivered and replayed events change nothing. What each event does to its row is
 * {@link HandshakeRowMapping}'s.
 */
@Component
@ProcessingGroup(HandshakeViewProjection.PROCESSING_GROUP)
public class HandshakeViewProjection {
    public static final String PROCESSING_GROUP = "handshake-views";

    /** The order of every list: newest first, ties broken by id ascending (as the keyset queries page). */
    static final Comparator<HandshakeViewEntity> NEWEST_FIRST = Comparator
            .comparing(HandshakeViewEntity::getRequestedAt, Comparator.reverseOrder())
            .thenComparing(HandshakeViewEntity::getId);

    private final HandshakeViewRepository views;

    public HandshakeViewProjection(HandshakeViewRepository views) {
        this.views = views;
    }

    @EventHandler
    void on(AccountInvitedEvent e, @SequenceNumber long sequence) {
        create(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(AllFeaturesRequestedEvent e, @SequenceNumber long sequence) {
        create(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(AllFeaturesApprovalRequestedEvent e, @SequenceNumber long sequence) {
        create(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(HandshakeOpenedEvent e, @SequenceNumber long sequence) {
        changeState(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(HandshakeAcceptedEvent e, @SequenceNumber long sequence) {
        changeState(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(HandshakeDeclinedEvent e, @SequenceNumber long sequence) {
        changeState(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(HandshakeCanceledEvent e, @SequenceNumber long sequence) {
        changeState(e.handshakeId(), e, sequence);
    }

    @EventHandler
    void on(HandshakeExpiredEvent e, @SequenceNumber long sequence) {
        changeState(e.handshakeId(), e, sequence);
    }

    /** AWS deleted it: the AWS-facing view forgets it (the event store keeps its history). */
    @EventHandler
    void on(HandshakeDeletedEvent e) {
        views.deleteById(e.handshakeId().value());
    }

    @ResetHandler
    void reset() {
        views.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<HandshakeView> handle(GetHandshakeQuery query) {
        return views.findById(query.handshakeId())
                .filter(row -> row.getVisibleUntil().isAfter(query.now()))
                .filter(row -> isVisibleTo(row, query))
                .map(row -> HandshakeView.from(row, query.now()));
    }

    @QueryHandler
    public HandshakePage handle(ListHandshakesForAccountQuery query) {
        HandshakeFilter filter = query.filter();
        PageRequest page = query.page();
        Limit limit = Limit.of(page.size() + 1);
        List<HandshakeViewEntity> rows = views.pageForRecipientAccount(query.callerAccountId(),
                query.callerIsManagement(), query.now(), filter.action(), filter.parentHandshakeId(),
                page.afterRequestedAt(), page.afterId(), limit);
        String email = lowerCase(query.callerEmail());
        if (email != null) {
            // the same keyset page of the invitations sent to the caller's email address, merged in
            List<HandshakeViewEntity> byEmail = views.pageForRecipientEmail(email, query.callerIsManagement(),
                    query.now(), filter.action(), filter.parentHandshakeId(), page.afterRequestedAt(),
                    page.afterId(), limit);
            rows = Stream.concat(rows.stream(), byEmail.stream())
                    .collect(Collectors.toMap(HandshakeViewEntity::getId, row -> row, (a, b) -> a))
                    .values().stream()
                    .sorted(NEWEST_FIRST)
                    .limit(limit.max())
                    .toList();
        }
        return toPage(rows, page.size(), query.now());
    }

    @QueryHandler
    public HandshakePage handle(ListHandshakesForOrganizationQuery query) {
        HandshakeFilter filter = query.filter();
        PageRequest page = query.page();
        List<HandshakeViewEntity> rows = views.pageForOrganization(query.organizationId(), query.now(),
                filter.action(), filter.parentHandshakeId(), page.afterRequestedAt(), page.afterId(),
                Limit.of(page.size() + 1));
        return toPage(rows, page.size(), query.now());
    }

    private void create(HandshakeId id, Object event, long sequence) {
        // a lookup by id, unlike an exists query, does not flush the other rows of this transaction first
        if (views.findById(id.value()).isPresent()) {
            return;
        }
        HandshakeRowMapping.startedBy(event, sequence).ifPresent(views::save);
    }

    private void changeState(HandshakeId id, Object event, long sequence) {
        views.findById(id.value()).ifPresent(row -> {
            if (HandshakeRowMapping.changeState(row, event, sequence)) {
                views.save(row);
            }
        });
    }

    private static boolean isVisibleTo(HandshakeViewEntity row, GetHandshakeQuery query) {
        return row.getOrganizationId().equals(query.callerOrganizationId())
                || query.callerAccountId().equals(row.getRecipientAccountId())
                || (row.getRecipientEmail() != null && row.getRecipientEmail().equals(lowerCase(query.callerEmail())));
    }

    private static HandshakePage toPage(List<HandshakeViewEntity> rows, int size, Instant now) {
        boolean more = rows.size() > size;
        List<HandshakeView> items = rows.stream().limit(size).map(row -> HandshakeView.from(row, now)).toList();
        return new HandshakePage(items, more);
    }

    private static String lowerCase(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
