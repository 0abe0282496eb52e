package org.handshakeledger.app.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.h2.jdbcx.JdbcDataSource;
import org.handshakeledger.app.operator.AuditTrailHealthIndicator;
import org.handshakeledger.app.store.DurableCommits;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.handshakeledger.projections.organization.FindMembershipQuery;
import org.handshakeledger.projections.organization.MembershipView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RefusedRequests} with what it needs and nothing more: an in-memory event bus standing in for the event store,
 * a membership query answered in memory, an in-memory H2 for the transactions. A refusal the event store will not
 * take must show in the log, the metric and the health indicator, and never silently.
 */
@SpringJUnitConfig
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class RefusedRequestsTest {
    private static final String ORGANIZATION = "o-exampleorg1";
    private static final Instant T0 = Instant.parse("2025-01-31T12:00:00Z");
    private static final String PARAMETERS = "{\"HandshakeId\":\"h-abcdefgh12\",\"Notes\":\"only for the caller\"}";

    @Configuration(proxyBeanMethods = false)
    @Import({RefusedRequests.class, UnrecordedRefusals.class, AuditTrailHealthIndicator.class, DurableCommits.class})
    static class Slice {
        @Bean
        DataSource dataSource() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:refused-requests");
            return dataSource;
        }

        @Bean
        TransactionTemplate transactions(DataSource dataSource) {
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        EventBus eventBus() {
            return SimpleEventBus.builder().build();
        }

        @Bean
        EventGateway eventGateway(EventBus eventBus) {
            return DefaultEventGateway.builder().eventBus(eventBus).build();
        }

        @Bean
        QueryGateway queryGateway() {
            QueryBus queryBus = SimpleQueryBus.builder().build();
            queryBus.subscribe(FindMembershipQuery.class.getName(), MembershipView.class, query -> new MembershipView(
                    ((FindMembershipQuery) query.getPayload()).accountId(), ORGANIZATION, true));
            return DefaultQueryGateway.builder().queryBus(queryBus).build();
        }
    }

    @Autowired
    RefusedRequests refusals;
    @Autowired
    EventBus eventBus;
    @Autowired
    MeterRegistry meters;
    @Autowired
    AuditTrailHealthIndicator health;

    private final List<EventMessage<?>> stored = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusedRequests.class);

    @BeforeEach
    void listen() {
        eventBus.subscribe(stored::addAll);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void aRecordedRefusalIsStoredAndLeavesTheAuditTrailUp() {
        // when
        refuse("req-recorded", T0);

        // then
        assertThat(stored).singleElement().satisfies(event -> {
            assertThat(event.getPayload()).isInstanceOf(RequestRefusedEvent.class);
            assertThat(event.getMetaData()).containsEntry(AuditMetadata.REQUEST_ID, "req-recorded");
        });
        assertThat(unrecordedCount()).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(log.list).noneMatch(line -> line.getLevel() == Level.ERROR);
    }

    @Test
    void aRefusalTheEventStoreWillNotTakeIsAnErrorNamingTheRequestButNotItsParameters() {
        // given
        eventStoreRefusesToAppend();

        // when
        refuse("req-unrecorded", T0);

        // then
        assertThat(log.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage())
                    .startsWith("Audit gap: ")
                    .contains("req-unrecorded", "AcceptHandshake", "111111111111", "AccessDeniedException",
                            T0.toString(), "No space left on device")
                    .doesNotContain("only for the caller");
            assertThat(line.getThrowableProxy()).isNotNull();
        });
    }

    @Test
    void everyRefusalTheEventStoreWillNotTakeIsCounted() {
        // given
        eventStoreRefusesToAppend();

        // when
        refuse("req-first", T0);
        refuse("req-second", T0.plusSeconds(1));

        // then
        assertThat(unrecordedCount()).isEqualTo(2.0);
    }

    @Test
    void theAuditTrailIsDownFromTheFirstUnrecordedRefusalWithTheCountAndTheLastOne() {
        // given
        Registration refusing = eventStoreRefusesToAppend();
        refuse("req-first", T0);
        refuse("req-second", T0.plusSeconds(1));

        // when: the store takes records again
        refusing.cancel();
        refuse("req-recorded", T0.plusSeconds(2));

        // then: the gap stays
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails())
                .containsEntry("unrecordedRefusals", 2L)
                .containsEntry("lastUnrecordedAt", T0.plusSeconds(1).toString())
                .containsEntry("lastRequestId", "req-second")
                .containsEntry("lastOperation", "AcceptHandshake");
        assertThat(stored).hasSize(1);
    }

    @Test
    void aRefusalNamesOnlyAHandshakeIdThatCanExist() {
        // given: ids no store column of handshake ids can take, which the client sent and was refused for
        List<String> parameters = List.of("{\"HandshakeId\":\"h-" + "a".repeat(80) + "\"}",
                "{\"HandshakeId\":\"<script>\\u0000\"}", "{\"HandshakeId\":\"h-abcdefgh12\"}");

        // when
        parameters.forEach(body -> refusals.record(new RequestActor("111111111111", "AKIAEXAMPLE000000001",
                "127.0.0.1", "aws-cli/2", "req", T0, "AcceptHandshake", body), "InvalidInputException", "Invalid.",
                "INVALID_PATTERN", T0));

        // then
        assertThat(stored).extracting(event -> ((RequestRefusedEvent) event.getPayload()).handshakeId())
                .containsExactly(null, null, "h-abcdefgh12");
    }

    @Test
    void parametersAreTextAnyStoreTakesCutAtACharacter() {
        // given
        byte[] withNul = {'{', '"', 'a', '"', ':', '"', 0, '"', '}'};
        byte[] invalidUtf8 = {'{', (byte) 0xff, '}'};
        byte[] emojiAcrossTheCut = ("x".repeat(4095) + "\uD83D\uDE00").getBytes(StandardCharsets.UTF_8);

        // when
        String nul = RefusedRequests.parameters(withNul);
        String invalid = RefusedRequests.parameters(invalidUtf8);
        String cut = RefusedRequests.parameters(emojiAcrossTheCut);

        // then
        assertThat(nul).isEqualTo("{\"a\":\"\uFFFD\"}");
        assertThat(invalid).isEqualTo("{\uFFFD}");
        assertThat(cut).isEqualTo("x".repeat(4095));
    }

    private Registration eventStoreRefusesToAppend() {
        return eventBus.registerDispatchInterceptor(messages -> {
            throw new IllegalStateException("No space left on device");
        });
    }

    private void refuse(String requestId, Instant at) {
        RequestActor caller = new RequestActor("111111111111", "AKIAEXAMPLE000000001", "127.0.0.1", "aws-cli/2",
                requestId, at, "AcceptHandshake", PARAMETERS);
        refusals.record(caller, "AccessDeniedException", "You don't have permissions to access this resource.", null,
                at);
    }

    private double unrecordedCount() {
        return meters.get(UnrecordedRefusals.METRIC).counter().count();
    }
}
