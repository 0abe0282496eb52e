package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.handshakeledger.projections.audit.AuditTrailProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Issue 16, metrics: what {@code /actuator/prometheus} shows moves with the requests the AWS SDK sends, the events
 * they append, the deadlines they schedule, the streams open and the audit trail's lag while it is paused.
 */
class MetricsIT extends AbstractLedgerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String REQUESTS = "ledger_requests_seconds_count";

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void requestsAreCountedAndTimedByOperationAndErrorCode() {
        // given
        LedgerHttp http = new LedgerHttp(port);
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        PrometheusScrape before = PrometheusScrape.of(http);

        // when
        invite(management, alice);
        invite(management, LedgerActors.next());
        HandshakeNotFoundException refused = catchThrowableOfType(HandshakeNotFoundException.class,
                () -> client(alice).acceptHandshake(r -> r.handshakeId("h-doesnotexist1")));
        OperatorHttp.as(http, LedgerActors.OPERATOR).get("/ledger/projections/audit-trail/checksum");

        // then
        PrometheusScrape after = PrometheusScrape.of(http);
        assertThat(refused).isNotNull();
        Map<String, String> invited = Map.of("operation", "InviteAccountToOrganization", "error", "none",
                "status", "200");
        Map<String, String> notFound = Map.of("operation", "AcceptHandshake", "error", "HandshakeNotFoundException",
                "status", "400");
        Map<String, String> checksum = Map.of("operation", "GET /ledger/projections/{name}/checksum",
                "error", "none", "status", "200");
        assertThat(after.sum(REQUESTS, invited) - before.sum(REQUESTS, invited)).isEqualTo(2);
        assertThat(after.sum(REQUESTS, notFound) - before.sum(REQUESTS, notFound)).isEqualTo(1);
        assertThat(after.sum(REQUESTS, checksum) - before.sum(REQUESTS, checksum)).isEqualTo(1);
        // a histogram: every request is in the +Inf bucket, and the buckets are there for Prometheus' quantiles
        Map<String, String> allNotFound = with(notFound, "le", "+Inf");
        assertThat(after.value("ledger_requests_seconds_bucket", allNotFound))
                .isEqualTo(after.value(REQUESTS, notFound));
        assertThat(after.samples("ledger_requests_seconds_bucket", notFound)).hasSizeGreaterThan(10);
        assertThat(after.value("ledger_requests_seconds_sum", notFound))
                .isGreaterThan(before.sum("ledger_requests_seconds_sum", notFound));
    }

    @Test
    void everyEventAppendedIsCountedOnceByItsType() {
        // given
        LedgerHttp http = new LedgerHttp(port);
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        Map<String, Long> storedBefore = storedEventsByType();
        PrometheusScrape before = PrometheusScrape.of(http);

        // when: events of commands, of a deadline's cancel and schedule, and of a refused request's record
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(management, alice);
        client(alice).acceptHandshake(r -> r.handshakeId(invitation.id()));
        catchThrowableOfType(HandshakeNotFoundException.class,
                () -> client(alice).acceptHandshake(r -> r.handshakeId("h-doesnotexist2")));

        // then
        PrometheusScrape after = PrometheusScrape.of(http);
        Map<String, Long> stored = storedEventsByType();
        Set<String> types = new HashSet<>(stored.keySet());
        after.samples("ledger_events_appended_total", Map.of())
                .forEach(sample -> types.add(sample.labels().get("type")));
        Map<String, Long> storedDelta = new HashMap<>();
        Map<String, Long> countedDelta = new HashMap<>();
        for (String type : types) {
            long delta = stored.get(type) - storedBefore.getOrDefault(type, 0L);
            if (delta > 0) {
                storedDelta.put(type, delta);
            }
            long counted = Math.round(after.sum("ledger_events_appended_total", Map.of("type", type))
                    - before.sum("ledger_events_appended_total", Map.of("type", type)));
            if (counted != 0) {
                countedDelta.put(type, counted);
            }
        }
        assertThat(storedDelta).containsKeys("AccountInvitedEvent", "HandshakeAcceptedEvent", "RequestRefusedEvent");
        assertThat(countedDelta).isEqualTo(storedDelta);
    }

    @Test
    void anInvitationAddsAPendingDeadlineAndNoneIsOverdue() {
        // given
        LedgerHttp http = new LedgerHttp(port);
        String management = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        double pendingBefore = PrometheusScrape.of(http).value("ledger_deadlines_pending", Map.of());

        // when
        invite(management, LedgerActors.next());

        // then: gauges are read at most once a second, hence the wait
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(PrometheusScrape.of(http)
                .value("ledger_deadlines_pending", Map.of())).isEqualTo(pendingBefore + 1));
        assertThat(PrometheusScrape.of(http).value("ledger_deadlines_overdue", Map.of())).isZero();
    }

    @Test
    void anOpenEventStreamIsCounted() throws Exception {
        // given
        LedgerHttp http = new LedgerHttp(port);
        double openBefore = PrometheusScrape.of(http).value("ledger_events_streams_open", Map.of());

        // when
        HttpResponse<InputStream> stream = http.stream(LedgerActors.next(), "/ledger/events", Map.of());
        try (SseStream open = new SseStream(stream.body())) {

            // then
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(PrometheusScrape.of(http).value("ledger_events_streams_open", Map.of()))
                    .isEqualTo(openBefore + 1);
        }
    }

    @Test
    void theAuditTrailsLagRisesWhileItIsPausedAndReadinessStaysUp() {
        // given
        LedgerHttp http = new LedgerHttp(port);
        Map<String, String> auditTrail = Map.of("processor", AuditTrailProjection.PROCESSING_GROUP);
        StreamingEventProcessor processor = processing.eventProcessor(AuditTrailProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        OperatorHttp.as(http, LedgerActors.OPERATOR).awaitAuditTrailCaughtUp();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(PrometheusScrape.of(http)
                .value("ledger_processor_lag", auditTrail)).isZero());
        double positionBefore = PrometheusScrape.of(http).value("ledger_processor_position", auditTrail);
        String management = LedgerActors.next();

        // when
        processor.shutDown();
        try {
            long storedBefore = storedEvents();
            createOrganization(management, OrganizationFeatureSet.ALL);
            invite(management, LedgerActors.next());
            long appended = storedEvents() - storedBefore;

            // then: at least the events appended since, which it has not handled
            assertThat(appended).isGreaterThanOrEqualTo(2);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(PrometheusScrape.of(http)
                    .value("ledger_processor_lag", auditTrail)).isGreaterThanOrEqualTo(appended));
            PrometheusScrape paused = PrometheusScrape.of(http);
            assertThat(paused.value("ledger_processor_position", auditTrail)).isEqualTo(positionBefore);
            assertThat(paused.value("ledger_processor_lag", Map.of("processor", "handshake-views"))).isZero();
            RawSignedRequests.Response readiness = http.unsigned("GET", "/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
        } finally {
            processor.start();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(PrometheusScrape.of(http)
                .value("ledger_processor_lag", auditTrail)).isZero());
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private Map<String, Long> storedEventsByType() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry group by payload_type", row -> {
            String type = row.getString(1);
            counts.put(type.substring(type.lastIndexOf('.') + 1), row.getLong(2));
        });
        return counts;
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, value);
        return more;
    }
}
