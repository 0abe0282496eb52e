package org.handshakeledger.app.awsjson;

import java.util.Map;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.handshakeledger.app.auth.AuthenticationFailedException;
import org.handshakeledger.app.auth.TooManyRequestsException;
import org.handshakeledger.app.web.ErrorBody;
import org.handshakeledger.domain.OrganizationsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place that turns a failure into the AWS JSON error shape. Modeled errors are HTTP 400, an oversized body
 * 413; only an unexpected failure is a 500 {@code ServiceException}, logged with its stack trace here and never sent
 * out. Every message sent is one the ledger wrote itself: none carries an exception's own text.
 * A missing aggregate is not mapped here: the domain loads each kind through {@code LedgerAggregates}, which names
 * what was missing in AWS's terms (no handshake, no organization).
 */
@Component
public class AwsErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(AwsErrorMapper.class);

    /** An error response: HTTP status and body members. */
    public record AwsError(int status, Map<String, String> body) {
        public String errorCode() {
            return body.get("__type");
        }
    }

    public AwsError map(Throwable failure, String requestId) {
        Throwable cause = unwrap(failure);
        if (cause instanceof OrganizationsException e) {
            return error(400, e.errorCode(), e.getMessage(), e.reason());
        }
        if (cause instanceof AwsProtocolException e) {
            return error(e.status(), e.errorCode(), e.getMessage(), null);
        }
        if (cause instanceof AuthenticationFailedException e) {
            return error(400, e.errorCode(), e.getMessage(), null);
        }
        if (cause instanceof TooManyRequestsException e) {
            return error(400, TooManyRequestsException.ERROR_CODE, e.getMessage(), null);
        }
        log.error("Request {} failed unexpectedly", requestId, failure);
        return error(500, "ServiceException", "AWS Organizations can't complete your request because of an internal "
                + "service error. Try again later. (request " + requestId + ")", null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CommandExecutionException || current instanceof QueryExecutionException
                || current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static AwsError error(int status, String type, String message, String reason) {
        return new AwsError(status, ErrorBody.of(type, message, reason));
    }
}
