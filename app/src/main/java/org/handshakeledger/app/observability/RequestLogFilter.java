package org.handshakeledger.app.observability;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, written when it has been answered: method, path, AWS operation, calling account,
 * request id, HTTP status, error code and duration; and the same request in the {@link RequestMetrics}. While the request is served, its id is in the MDC as
 * {@value #MDC_REQUEST_ID}, so every line logged on its behalf (command handlers included) carries it. Probes and
 * scrapes under {@code /actuator} are neither logged nor measured: they would drown the requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogFilter extends OncePerRequestFilter {
    public static final String MDC_REQUEST_ID = "requestId";
    /** Its own logger, so an operator can turn the request log off without touching the rest. */
    static final Logger log = LoggerFactory.getLogger("org.handshakeledger.requests");

    private final RequestMetrics metrics;

    public RequestLogFilter(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServedRequest served = ServedRequest.start(request);
        MDC.put(MDC_REQUEST_ID, served.requestId());
        try {
            chain.doFilter(request, response);
        } finally {
            long nanos = System.nanoTime() - served.startNanos();
            metrics.record(request, response.getStatus(), served, nanos);
            long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
            log.info("{} {} requestId={} operation={} account={} status={} error={} {}ms", request.getMethod(),
                    request.getRequestURI(), served.requestId(), orDash(served.operation()), orDash(served.callerAccountId()),
                    response.getStatus(), orDash(served.errorCode()), millis);
            MDC.remove(MDC_REQUEST_ID);
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
