package org.handshakeledger.app.awsjson;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.handshakeledger.app.actor.RefusedRequests;
import org.handshakeledger.app.actor.RequestActor;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.RequestThrottle;
import org.handshakeledger.app.auth.SigV4Verifier;
import org.handshakeledger.app.auth.TooManyRequestsException;
import org.handshakeledger.app.observability.ServedRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AWS JSON 1.1 endpoint: {@code POST /} with {@code X-Amz-Target: AWSOrganizationsV20161128.<Operation>}.
 * Every response, errors included, carries {@code x-amzn-RequestId} and the AWS JSON content type. The body is read
 * here, bounded ({@link RequestBodies}), rather than by Spring, which would read any size whole.
 */
@RestController
public class AwsJsonController {
    static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    static final String SERVICE = "organizations";

    private final Map<String, AwsOperation> operations;
    private final SigV4Verifier verifier;
    private final AwsJson json;
    private final AwsErrorMapper errors;
    private final Clock clock;
    private final RefusedRequests refusals;
    private final RequestThrottle throttle;

    public AwsJsonController(List<AwsOperation> operations, SigV4Verifier verifier, AwsJson json,
                             AwsErrorMapper errors, Clock clock, RefusedRequests refusals, RequestThrottle throttle) {
        this.operations = operations.stream().collect(Collectors.toMap(AwsOperation::name, Function.identity()));
        this.verifier = verifier;
        this.json = json;
        this.errors = errors;
        this.clock = clock;
        this.refusals = refusals;
        this.throttle = throttle;
    }

    @PostMapping(path = "/")
    public ResponseEntity<byte[]> handle(@RequestHeader(name = "X-Amz-Target", required = false) String target,
                                         HttpServletRequest http) {
        ServedRequest served = ServedRequest.of(http);
        String requestId = served.requestId();
        RequestActor actor = null;
        AwsOperation operation = null;
        // named in the log and the metrics even when the request fails before it runs (signature, throttle)
        knownOperation(target).ifPresent(known -> served.operation(known.name()));
        try {
            // before the signature check, which needs the whole body: an oversized one is never read
            byte[] payload = RequestBodies.read(http);
            AuthenticatedCaller caller = verifier.verify(http, payload);
            served.callerAccountId(caller.accountId());
            // before the request has an actor: a throttled call is no refusal for the audit trail, which a flood
            // would otherwise fill with one event per rejected request
            admit(caller, served);
            operation = operation(target);
            AwsRequest request = new AwsRequest(caller.account(), caller.accessKeyId(), requestId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            actor = new RequestActor(caller.accountId(), caller.accessKeyId(), http.getRemoteAddr(),
                    http.getHeader(HttpHeaders.USER_AGENT), requestId, request.now(), operation.name(),
                    RefusedRequests.parameters(payload));
            http.setAttribute(RequestActor.ATTRIBUTE, actor);
            return respond(200, json.write(operation.handle(payload, request)), requestId);
        } catch (RuntimeException e) {
            AwsErrorMapper.AwsError error = errors.map(e, requestId);
            served.errorCode(error.errorCode());
            if (actor != null && operation.changesState()) {
                refusals.record(actor, error.errorCode(), error.body().get("Message"), error.body().get("Reason"),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
            }
            return respond(error.status(), json.write(error.body()), requestId);
        }
    }

    /** Any other method or path: not an AWS operation. */
    @RequestMapping(path = "/**")
    public ResponseEntity<byte[]> notAnOperation(HttpServletRequest http) {
        ServedRequest served = ServedRequest.of(http);
        String requestId = served.requestId();
        AwsErrorMapper.AwsError error = errors.map(
                new AwsProtocolException("UnknownOperationException", "Only POST / is an AWS operation."), requestId);
        served.errorCode(error.errorCode());
        return respond(404, json.write(error.body()), requestId);
    }

    private void admit(AuthenticatedCaller caller, ServedRequest served) {
        try {
            throttle.admit(caller);
        } catch (TooManyRequestsException e) {
            served.throttled(true);
            throw e;
        }
    }

    private AwsOperation operation(String target) {
        return knownOperation(target).orElseThrow(
                () -> new AwsProtocolException("UnknownOperationException", "Unknown operation " + target + "."));
    }

    private Optional<AwsOperation> knownOperation(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(operations.get(target.substring(TARGET_PREFIX.length())));
    }

    private static ResponseEntity<byte[]> respond(int status, byte[] body, String requestId) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, AwsJson.CONTENT_TYPE)
                .header("x-amzn-RequestId", requestId)
                .body(body);
    }
}
