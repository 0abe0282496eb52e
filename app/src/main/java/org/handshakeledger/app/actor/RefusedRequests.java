package org.handshakeledger.app.actor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.handshakeledger.app.store.DurableCommits;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.projections.organization.FindMembershipQuery;
import org.handshakeledger.projections.organization.MembershipView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a refused mutating request (denied, invalid, wrong state, over a quota) as a {@link RequestRefusedEvent}
 * in the event store, in a transaction of its own since the request's own was rolled back, and in the file before
 * the answer leaves, like any write. A refusal that cannot be recorded never changes the answer the caller gets, but it
 * is a gap in the audit trail and is never silent: an ERROR log line naming the request, the metric
 * {@value UnrecordedRefusals#METRIC} and the health indicator {@code auditTrail} (README, "For operators").
 */
@Component
public class RefusedRequests {
    private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);
    private static final int MAX_PARAMETERS = 4096;

    private final EventGateway events;
    private final QueryGateway queries;
    private final TransactionTemplate transactions;
    private final DurableCommits durableCommits;
    private final UnrecordedRefusals unrecorded;
    private final ObjectMapper json = JsonMapper.builder().build();

    public RefusedRequests(EventGateway events, QueryGateway queries, TransactionTemplate transactions,
                           DurableCommits durableCommits, UnrecordedRefusals unrecorded) {
        this.events = events;
        this.queries = queries;
        this.transactions = transactions;
        this.durableCommits = durableCommits;
        this.unrecorded = unrecorded;
    }

    public void record(RequestActor actor, String errorCode, String errorMessage, String reason, Instant at) {
        try {
            RequestRefusedEvent refused = new RequestRefusedEvent(actor.operation(), errorCode, errorMessage, reason,
                    handshakeIdIn(actor.requestParameters()), organizationOf(actor.accountId()),
                    actor.requestParameters(), at);
            transactions.executeWithoutResult(status -> events.publish(
                    GenericEventMessage.asEventMessage(refused).andMetaData(actor.metadata())));
            durableCommits.awaitDurable();
        } catch (RuntimeException e) {
            unrecorded.add(actor, at);
            // names the request as its caller knows it; never the parameters, which are the caller's data
            log.error("Audit gap: the refusal of request {} ({} by account {}, answered {}, at {}) could not be "
                    + "recorded in the audit trail: {}", actor.requestId(), actor.operation(), actor.accountId(),
                    errorCode, at, e.toString(), e);
        }
    }

    /**
     * The request body as text for the audit trail, cut to a sane size, and fit for any store whatever the client
     * sent: invalid UTF-8 and NUL (which PostgreSQL text cannot hold) become U+FFFD, and the cut never splits a
     * character in two.
     */
    public static String parameters(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
        if (text.length() <= MAX_PARAMETERS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_PARAMETERS - 1)) ? MAX_PARAMETERS - 1 : MAX_PARAMETERS;
        return text.substring(0, end);
    }

    private String organizationOf(String accountId) {
        return queries.query(new FindMembershipQuery(accountId), ResponseTypes.instanceOf(MembershipView.class))
                .join().organizationId();
    }

    /** The handshake a refused call named, if it named one that can exist: the client may have sent anything. */
    private String handshakeIdIn(String parameters) {
        try {
            JsonNode id = json.readTree(parameters).path("HandshakeId");
            return id.isTextual() && HandshakeId.isValid(id.asText()) ? id.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
