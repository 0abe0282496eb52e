package org.handshakeledger.app.observability;

import java.time.Duration;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The request metrics, recorded once per answered request by {@link RequestLogFilter}: the timer {@value #REQUESTS}
 * (with a percentile histogram) by operation, error code and status, and the counter {@value #THROTTLED} by endpoint.
 * Spring's own {@code http.server.requests} cannot tell AWS operations apart: every one of them is {@code POST /}.
 *
 * <p>Every tag has a bounded set of values, whatever the callers send: the AWS operations the endpoint knows, the
 * {@code /ledger} routes as declared (never a path with its ids), the error codes the ledger answers with, and the
 * HTTP status codes.
 */
@Component
public class RequestMetrics {
    public static final String REQUESTS = "ledger.requests";
    public static final String THROTTLED = "ledger.requests.throttled";
    /** The operation of a request that named no known AWS operation and matched no {@code /ledger} route. */
    static final String UNKNOWN = "unknown";
    static final String NO_ERROR = "none";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry meters;
    private final Counter throttledAws;
    private final Counter throttledLedger;
    private final Counter throttledConsole;

    public RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.throttledAws = throttled(meters, "aws");
        this.throttledLedger = throttled(meters, "ledger");
        this.throttledConsole = throttled(meters, "console");
    }

    void record(HttpServletRequest http, int status, ServedRequest served, long nanos) {
        Timer.builder(REQUESTS)
                .description("Requests answered, by AWS operation or /ledger route, error code and HTTP status")
                .tag("operation", operation(http, served))
                .tag("error", served.errorCode() == null ? NO_ERROR : served.errorCode())
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters)
                .record(Duration.ofNanos(nanos));
        if (served.throttled()) {
            (isLedgerRoute(http) ? throttledLedger : isConsoleRoute(http) ? throttledConsole : throttledAws)
                    .increment();
        }
    }

    /**
     * The AWS operation; for {@code /ledger} and the console, the method and the route as declared, e.g.
     * {@code GET /ledger/audit}.
     */
    static String operation(HttpServletRequest http, ServedRequest served) {
        if (served.operation() != null) {
            return served.operation();
        }
        if (http.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route
                && (route.startsWith("/ledger") || route.startsWith("/console"))) {
            String method = METHODS.contains(http.getMethod()) ? http.getMethod() : "OTHER";
            return method + " " + route;
        }
        return UNKNOWN;
    }

    private static boolean isLedgerRoute(HttpServletRequest http) {
        String uri = http.getRequestURI();
        return uri.equals("/ledger") || uri.startsWith("/ledger/");
    }

    private static boolean isConsoleRoute(HttpServletRequest http) {
        String uri = http.getRequestURI();
        return uri.equals("/console") || uri.startsWith("/console/");
    }

    private static Counter throttled(MeterRegistry meters, String endpoint) {
        return Counter.builder(THROTTLED)
                .description("Requests refused with TooManyRequestsException (ledger.limits.requests-per-second)")
                .tag("endpoint", endpoint)
                .register(meters);
    }
}
