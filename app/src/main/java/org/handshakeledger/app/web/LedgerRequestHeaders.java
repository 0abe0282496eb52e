package org.handshakeledger.app.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.observability.ServedRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every {@code /ledger} response, errors included, its request id (the header the AWS API uses, so one tool
 * finds both; the one in the request log) and {@code Cache-Control: no-store}: these answers are one account's view of an audit trail.
 */
@Component
public class LedgerRequestHeaders extends OncePerRequestFilter {
    public static final String REQUEST_ID = "x-amzn-RequestId";

    /** The id of the request this response answers. */
    public static String requestId(HttpServletResponse response) {
        return response.getHeader(REQUEST_ID);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/ledger") || path.startsWith("/ledger/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(REQUEST_ID, ServedRequest.of(request).requestId());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        chain.doFilter(request, response);
    }
}
