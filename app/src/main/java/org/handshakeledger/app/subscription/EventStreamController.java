package org.handshakeledger.app.subscription;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.handshakeledger.app.auditor.AuditScopes;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.store.DurableCommits;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerError;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.QueryParameters;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.handshakeledger.projections.audit.AuditScope;
import org.handshakeledger.projections.handshake.HandshakeFold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ledger/events}: the handshake events as Server-Sent Events, each a CloudEvent in JSON whose SSE
 * {@code id} is its global index in the event store. A stream starts after {@code ?after=} or the
 * {@code Last-Event-ID} header (or at the beginning), then follows live events; both come from the event store read
 * in index order, so a reconnect resumes with no gap and no duplicate.
 *
 * <p>The stream is written on the request thread with blocking writes, one bounded page at a time: a slow consumer
 * holds one thread and one page, never a growing queue. At most {@code ledger.events.max-streams} streams run at
 * once; beyond that the answer is 503. An idle stream gets an SSE comment line every
 * {@code ledger.events.heartbeat}, which also detects clients that went away.
 */
@RestController
@LedgerEndpoint
public class EventStreamController {
    /** The gauge of the streams open now; beyond {@code ledger.events.max-streams} the answer is 503. */
    public static final String OPEN_STREAMS_METRIC = "ledger.events.streams.open";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Set<String> PARAMETERS = Set.of("after", "organizationId", "handshakeId", "type");
    private static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(EventStreamController.class);

    private final LedgerAuthenticator authenticator;
    private final AuditScopes scopes;
    private final HandshakeEventReader reader;
    private final DurableCommits durableCommits;
    private final HandshakeCloudEvents cloudEvents;
    private final Duration heartbeat;
    private final Duration pollInterval;
    private final int pageSize;
    private final Semaphore streams;
    private volatile boolean stopping;

    public EventStreamController(LedgerAuthenticator authenticator, AuditScopes scopes, HandshakeEventReader reader,
                                 DurableCommits durableCommits, HandshakeCloudEvents cloudEvents,
                                 LedgerProperties properties, MeterRegistry meters) {
        LedgerProperties.Events settings = properties.events();
        this.authenticator = authenticator;
        this.scopes = scopes;
        this.reader = reader;
        this.durableCommits = durableCommits;
        this.cloudEvents = cloudEvents;
        this.heartbeat = settings.heartbeat();
        this.pollInterval = settings.pollInterval();
        this.pageSize = settings.pageSize();
        this.streams = new Semaphore(settings.maxStreams());
        Gauge.builder(OPEN_STREAMS_METRIC, streams, free -> settings.maxStreams() - free.availablePermits())
                .description("Event streams open at /ledger/events").register(meters);
    }

    /** Which events a stream carries: the caller's scope narrowed by the filters (null = any). */
    private record Selection(AuditScope scope, String callerEmail, String organizationId, String handshakeId,
                             String type) {
    }

    @GetMapping("/ledger/events")
    public void events(HttpServletRequest http, HttpServletResponse response) throws IOException {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        QueryParameters parameters = new QueryParameters(http.getParameterMap(), PARAMETERS);
        String type = parameters.text("type");
        if (type != null && !HandshakeCloudEvents.types().contains(type)) {
            throw QueryParameters.invalid("type", type, "one of " + HandshakeCloudEvents.types());
        }
        long position = start(parameters, http.getHeader(LAST_EVENT_ID));
        Selection selection = new Selection(scopes.of(caller), caller.account().email(),
                parameters.organizationId("organizationId"), parameters.handshakeId("handshakeId"), type);
        if (!streams.tryAcquire()) {
            throw new LedgerException(LedgerError.TOO_MANY_STREAMS,
                    "Too many event streams are open; try again later.");
        }
        try {
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("X-Accel-Buffering", "no");
            stream(selection, position, response.getOutputStream());
        } catch (IOException e) {
            log.debug("An event stream client went away: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private void stream(Selection selection, long after, OutputStream out) throws IOException, InterruptedException {
        out.write(HEARTBEAT);
        out.flush();
        long position = after;
        long lastWrite = System.nanoTime();
        while (!stopping) {
            HandshakeEventReader.Page page = reader.page(position, pageSize);
            if (!page.events().isEmpty()) {
                // never pass on an event that a crash could still take back
                durableCommits.awaitDurable();
            }
            for (LedgerEvent event : page.events()) {
                if (selected(selection, event)) {
                    write(out, event);
                }
            }
            if (!page.events().isEmpty()) {
                out.flush();
                lastWrite = System.nanoTime();
            }
            position = page.position();
            // also while skipping a long stretch of history the filters leave out
            if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                out.write(HEARTBEAT);
                out.flush();
                lastWrite = System.nanoTime();
            }
            if (!page.more()) {
                Thread.sleep(pollInterval.toMillis());
            }
        }
    }

    private void write(OutputStream out, LedgerEvent event) throws IOException {
        CloudEvent cloudEvent = cloudEvents.toCloudEvent(event);
        StringBuilder frame = new StringBuilder()
                .append("id: ").append(event.globalIndex()).append('\n')
                .append("event: ").append(cloudEvent.getType()).append('\n')
                .append("data: ").append(new String(cloudEvents.serialize(cloudEvent), StandardCharsets.UTF_8))
                .append("\n\n");
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean selected(Selection selection, LedgerEvent event) {
        HandshakeFold handshake = event.handshake();
        if (!handshake.isKnown()) {
            return false;
        }
        if (selection.organizationId() != null && !selection.organizationId().equals(handshake.organizationId())) {
            return false;
        }
        if (selection.handshakeId() != null && !selection.handshakeId().equals(event.handshakeId())) {
            return false;
        }
        if (selection.type() != null
                && !selection.type().equals(HandshakeCloudEvents.typeOf(event.payload().getClass()))) {
            return false;
        }
        return visible(selection, event);
    }

    /** The audit endpoints' rule: an auditor sees all, a management account its organization, others their own. */
    private static boolean visible(Selection selection, LedgerEvent event) {
        AuditScope scope = selection.scope();
        HandshakeFold handshake = event.handshake();
        if (scope.everything()) {
            return true;
        }
        if (scope.managedOrganizationId() != null && scope.managedOrganizationId().equals(handshake.organizationId())) {
            return true;
        }
        String account = scope.accountId();
        String email = selection.callerEmail();
        return account.equals(handshake.managementAccountId()) || account.equals(handshake.recipientAccountId())
                || email != null && email.equalsIgnoreCase(handshake.recipientEmail())
                || account.equals(String.valueOf(event.metadata().get(AuditMetadata.ACCOUNT_ID)));
    }

    /** {@code after} wins over {@code Last-Event-ID}; both are global indexes, 0 meaning from the beginning. */
    private static long start(QueryParameters parameters, String lastEventId) {
        Long after = parameters.nonNegativeLong("after");
        if (after != null) {
            return after;
        }
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(lastEventId.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new LedgerException(LedgerError.INVALID_PARAMETER,
                "Invalid header 'Last-Event-ID': expected the id of an event of this stream (a whole number).");
    }

    /**
     * Ends the streams when the application closes, before the web server's graceful shutdown would wait for these
     * never-ending requests.
     */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopping = true;
    }
}
