package org.handshakeledger.app.pointintime;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.handshakeledger.app.auditor.HandshakeAsOf;
import org.handshakeledger.app.auditor.OrganizationHandshakesAsOf;
import org.handshakeledger.app.auditor.PointInTimeReads;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.wire.HandshakeListResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerError;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The point-in-time endpoints under {@code /ledger}, answering in the AWS wire shapes of DescribeHandshake and
 * ListHandshakesForOrganization, as of {@code asOf} (default: now); see {@link PointInTimeReads}:
 * <ul>
 *   <li>{@code GET /ledger/handshakes/{id}?asOf=}: {@code {"Handshake": {...}}}, or 404
 *   HandshakeNotFoundException saying whether it did not exist yet or was deleted then;</li>
 *   <li>{@code GET /ledger/organizations/{id}/handshakes?asOf=}: {@code {"Handshakes": [...]}}, paged with
 *   {@code limit} and {@code after}, the next page's {@code after} in {@value #NEXT_AFTER}.</li>
 * </ul>
 * The reads themselves are in {@code app.auditor}, for the web console too; this controller lives apart because it
 * renders the AWS wire shapes, and {@code auditor} cannot depend on {@code awsjson}: that depends on {@code config},
 * which wires the auditor's digests (PackageBoundariesTest forbids the cycle).
 */
@RestController
@LedgerEndpoint
public class AsOfController {
    static final String NEXT_AFTER = "X-Ledger-Next-After";
    private static final String AS_OF = "asOf";
    private static final Set<String> HANDSHAKE_PARAMETERS = Set.of(AS_OF);
    private static final Set<String> LIST_PARAMETERS = Set.of(AS_OF, "actionType", "after", "limit");

    private final LedgerAuthenticator authenticator;
    private final PointInTimeReads reads;
    private final AwsJson json;
    private final Clock clock;

    public AsOfController(LedgerAuthenticator authenticator, PointInTimeReads reads, AwsJson json, Clock clock) {
        this.authenticator = authenticator;
        this.reads = reads;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/ledger/handshakes/{id}")
    public ResponseEntity<byte[]> handshake(@PathVariable("id") String id, HttpServletRequest http) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        Instant at = asOf(new QueryParameters(http.getParameterMap(), HANDSHAKE_PARAMETERS));
        HandshakeAsOf answer = reads.handshake(caller, id, at);
        if (answer instanceof HandshakeAsOf.NotYetCreated notYet) {
            throw new LedgerException(LedgerError.HANDSHAKE_NOT_FOUND, "Handshake " + id + " did not exist yet at "
                    + at + "; it was created at " + notYet.createdAt() + ".");
        }
        if (answer instanceof HandshakeAsOf.Deleted deleted) {
            throw new LedgerException(LedgerError.HANDSHAKE_NOT_FOUND, "Handshake " + id + " was deleted at "
                    + deleted.deletedAt() + ", when its retention ended after it settled: from then on"
                    + " DescribeHandshake answered HandshakeNotFoundException. Its history stays at /ledger/handshakes/"
                    + id + "/history.");
        }
        return ok(new HandshakeResponse(HandshakeShape.of(((HandshakeAsOf.Described) answer).view())), null);
    }

    @GetMapping("/ledger/organizations/{id}/handshakes")
    public ResponseEntity<byte[]> organizationHandshakes(@PathVariable("id") String id, HttpServletRequest http) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        QueryParameters parameters = new QueryParameters(http.getParameterMap(), LIST_PARAMETERS);
        Integer limit = parameters.positiveInt("limit");
        OrganizationHandshakesAsOf page = reads.organizationHandshakes(caller, id, asOf(parameters),
                parameters.text("actionType"), parameters.text("after"),
                limit == null ? PointInTimeReads.DEFAULT_LIMIT : limit);
        return ok(new HandshakeListResponse(page.handshakes().stream().map(HandshakeShape::of).toList(), null),
                page.nextAfter());
    }

    private Instant asOf(QueryParameters parameters) {
        Instant at = parameters.instant(AS_OF);
        return at == null ? clock.instant() : at;
    }

    private ResponseEntity<byte[]> ok(Object body, String nextAfter) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (nextAfter != null) {
            response.header(NEXT_AFTER, nextAfter);
        }
        return response.body(json.write(body));
    }
}
