package org.handshakeledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/** The request timer's tags stay bounded whatever the caller sends: operations, declared routes, or "unknown". */
class RequestMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(meters);

    @Test
    void tagsAnAwsCallWithItsOperationAndErrorCode() {
        // given
        MockHttpServletRequest http = new MockHttpServletRequest("POST", "/");
        ServedRequest served = ServedRequest.start(http);
        served.operation("AcceptHandshake");
        served.errorCode("HandshakeNotFoundException");

        // when
        metrics.record(http, 400, served, 2_000_000);

        // then
        assertThat(meters.get(RequestMetrics.REQUESTS).tag("operation", "AcceptHandshake")
                .tag("error", "HandshakeNotFoundException").tag("status", "400").timer().count()).isEqualTo(1);
    }

    @Test
    void tagsALedgerRequestWithItsDeclaredRouteNotItsPath() {
        // given
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/ledger/handshakes/h-abcdefgh12/history");
        http.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/ledger/handshakes/{id}/history");

        // when
        metrics.record(http, 200, ServedRequest.start(http), 1_000_000);

        // then
        assertThat(meters.get(RequestMetrics.REQUESTS).tag("operation", "GET /ledger/handshakes/{id}/history")
                .tag("error", "none").timer().count()).isEqualTo(1);
    }

    @Test
    void tagsAnUnknownTargetAndAnOddMethodWithFixedValues() {
        // given
        MockHttpServletRequest unknownTarget = new MockHttpServletRequest("POST", "/");
        MockHttpServletRequest oddMethod = new MockHttpServletRequest("BREW", "/ledger/coffee");
        oddMethod.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/ledger/**");

        // when
        metrics.record(unknownTarget, 400, ServedRequest.start(unknownTarget), 1_000_000);
        metrics.record(oddMethod, 404, ServedRequest.start(oddMethod), 1_000_000);

        // then
        assertThat(meters.get(RequestMetrics.REQUESTS).tag("operation", "unknown").timer().count()).isEqualTo(1);
        assertThat(meters.get(RequestMetrics.REQUESTS).tag("operation", "OTHER /ledger/**").timer().count())
                .isEqualTo(1);
    }

    @Test
    void countsAThrottledRequestByEndpoint() {
        // given
        MockHttpServletRequest aws = new MockHttpServletRequest("POST", "/");
        ServedRequest served = ServedRequest.start(aws);
        served.throttled(true);

        // when
        metrics.record(aws, 400, served, 1_000_000);

        // then
        assertThat(meters.get(RequestMetrics.THROTTLED).tag("endpoint", "aws").counter().count()).isEqualTo(1);
        assertThat(meters.get(RequestMetrics.THROTTLED).tag("endpoint", "ledger").counter().count()).isZero();
    }
}
