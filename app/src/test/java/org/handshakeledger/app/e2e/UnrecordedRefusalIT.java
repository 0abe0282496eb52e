package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.handshakeledger.app.actor.UnrecordedRefusals;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * A refused request whose audit record the event store will not take (this application's event store refuses every
 * {@link RequestRefusedEvent}, and nothing else): the caller gets the answer it would have got, and the gap shows as
 * an ERROR log line naming the request, in the metric and in the health indicator {@code auditTrail}, while the
 * liveness and readiness probes stay UP.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(UnrecordedRefusalIT.EventStoreRefusingRefusals.class)
class UnrecordedRefusalIT extends AbstractLedgerIT {
    @Autowired
    MeterRegistry meters;

    @TestConfiguration(proxyBeanMethods = false)
    static class EventStoreRefusingRefusals {
        EventStoreRefusingRefusals(EventBus eventStore) {
            eventStore.registerDispatchInterceptor(messages -> (index, message) -> {
                if (message.getPayload() instanceof RequestRefusedEvent) {
                    throw new IllegalStateException("No space left on device");
                }
                return message;
            });
        }
    }

    @Test
    void aRefusalThatCannotBeRecordedIsAnsweredAsEverAndShowsAsAnAuditGap(CapturedOutput output) {
        // given
        String management = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        LedgerHttp http = new LedgerHttp(port);
        assertThat(status(http.unsigned("GET", "/actuator/health"))).isEqualTo("UP");

        // when
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HandshakeNotFoundException refused = catchThrowableOfType(HandshakeNotFoundException.class,
                () -> client(management).acceptHandshake(r -> r.handshakeId("h-doesnotexist1")));

        // then: the caller's answer
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        String requestId = refused.requestId();
        // the log line, the metric
        assertThat(output.getOut().lines().filter(line -> line.contains("Audit gap: the refusal of request "
                + requestId + " (AcceptHandshake by account " + management))).singleElement()
                .satisfies(line -> assertThat(line).contains("ERROR", "No space left on device"));
        assertThat(meters.get(UnrecordedRefusals.METRIC).counter().count()).isEqualTo(1.0);
        // the health: DOWN at the root, which names auditTrail, with the details in the group audit
        RawSignedRequests.Response health = http.unsigned("GET", "/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(status(health)).isEqualTo("DOWN");
        JsonNode auditTrail = health.json().path("components").path("auditTrail");
        assertThat(auditTrail.path("status").asText()).isEqualTo("DOWN");
        assertThat(auditTrail.has("details")).isFalse();
        RawSignedRequests.Response audit = http.unsigned("GET", "/actuator/health/audit");
        assertThat(audit.status()).isEqualTo(503);
        JsonNode details = audit.json().path("components").path("auditTrail").path("details");
        assertThat(details.path("unrecordedRefusals").asLong()).isEqualTo(1);
        assertThat(details.path("lastRequestId").asText()).isEqualTo(requestId);
        assertThat(details.path("lastOperation").asText()).isEqualTo("AcceptHandshake");
        assertThat(Instant.parse(details.path("lastUnrecordedAt").asText())).isBetween(before, Instant.now());
        // and the probes: the ledger still answers, and a restart would not bring the record back
        for (String probe : List.of("readiness", "liveness")) {
            RawSignedRequests.Response response = http.unsigned("GET", "/actuator/health/" + probe);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(status(response)).as(probe).isEqualTo("UP");
        }
    }

    private static String status(RawSignedRequests.Response health) {
        return health.json().path("status").asText();
    }
}
