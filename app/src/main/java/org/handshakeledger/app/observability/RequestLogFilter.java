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
 * One log line per request, written when it has been answered: method, path, request id, AWS operation, calling
 * account, HTTP status, error code and duration; and the same request in the {@link RequestMetrics}. While the request
 * is served, its id is in the MDC as {@value #MDC_REQUEST_ID}, so every line logged on its behalf (command handlers
 * included) carries it. Probes and scrapes under {@code /actuator} are neither logged nor measured: they would drown
 * the requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogFilter extends OncePerRequestFilter {
    public static final String MDC_REQUEST_ID = "requestId";
    /** The error code of a request that failed with nothing to answer it, as the AWS endpoint names its own. */
    static final String INTERNAL_ERROR = "ServiceException";
    /** The error code of a request whose response had begun (an export, a stream) when it failed. */
    static final String FAILED_AFTER_RESPONSE_BEGAN = "ResponseBroken";
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
        int status = -1;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } catch (IOException | ServletException | RuntimeException | Error e) {
            // nothing answered it: the container answers 500, or breaks the connection of a response already begun
            if (served.errorCode() == null) {
                served.errorCode(response.isCommitted() ? FAILED_AFTER_RESPONSE_BEGAN : INTERNAL_ERROR);
            }
            status = response.isCommitted() ? response.getStatus() : 500;
            throw e;
        } finally {
            try {
                long nanos = System.nanoTime() - served.startNanos();
                metrics.record(request, status, served, nanos);
                log.info("{} {} requestId={} operation={} account={} status={} error={} {}ms", request.getMethod(),
                        request.getRequestURI(), served.requestId(), orDash(served.operation()),
                        orDash(served.callerAccountId()), status, orDash(served.errorCode()),
                        TimeUnit.NANOSECONDS.toMillis(nanos));
            } finally {
                MDC.remove(MDC_REQUEST_ID);
            }
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
