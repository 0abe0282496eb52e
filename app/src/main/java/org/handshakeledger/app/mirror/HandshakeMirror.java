package org.handshakeledger.app.mirror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.mirror.ObserveHandshakeCommand;
import org.handshakeledger.domain.mirror.ObserveHandshakeVanishedCommand;
import org.handshakeledger.domain.mirror.ObservedHandshake;
import org.handshakeledger.domain.mirror.Upstream;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.Organization;

/**
 * One poll of the upstream organization: lists its handshakes (ListHandshakesForOrganization and
 * ListHandshakesForAccount, each paged to the end, each only where the credentials may), hands every one to its
 * {@code MirroredHandshakeAggregate}, which records what is new or changed, and marks those it had seen that are
 * listed no more as vanished. A poll that fails on the way (after the SDK's retries) is reported in the status and
 * logged; nothing it had recorded is recorded again by the next one, and a failed poll never looks for vanished
 * handshakes, since it does not know all that is listed.
 */
public class HandshakeMirror {
    private static final Logger log = LoggerFactory.getLogger(HandshakeMirror.class);

    /** Polls of the upstream by outcome ({@code success}, {@code failure}). */
    public static final String POLLS = "ledger.mirror.polls";

    private final UpstreamOrganization upstream;
    private final LedgerGateway gateway;
    private final MirrorState state;
    private final Counter succeeded;
    private final Counter failed;

    public HandshakeMirror(UpstreamOrganization upstream, LedgerGateway gateway, MirrorState state,
                           MeterRegistry meters) {
        this.upstream = upstream;
        this.gateway = gateway;
        this.state = state;
        this.succeeded = polls(meters, "success");
        this.failed = polls(meters, "failure");
    }

    private static Counter polls(MeterRegistry meters, String outcome) {
        return Counter.builder(POLLS).description("Polls of the mirrored upstream organization, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    /**
     * Polls once. A failure upstream, or in recording what it listed, becomes the status's last error; only a
     * database that cannot even take the status throws, and db-scheduler logs that and polls again after the interval.
     */
    public void poll() {
        String endpoint = upstream.endpoint();
        state.pollStarted(endpoint, upstream.region(), Instant.now());
        try {
            Listing listing = list();
            record(listing);
            state.pollSucceeded(endpoint, listing.identity().organizationId(), listing.identity().accountId(),
                    listing.handshakes().size(), Instant.now());
            succeeded.increment();
            log.debug("Mirror poll of {}: {} handshakes listed", endpoint, listing.handshakes().size());
        } catch (RuntimeException e) {
            String error = describe(e);
            state.pollFailed(endpoint, error, Instant.now());
            failed.increment();
            log.warn("Mirror poll of {} failed; the next poll tries again: {}", endpoint, error);
        }
    }

    /** What one poll listed, when, and as whom. */
    private record Listing(Upstream identity, Map<String, ObservedHandshake> handshakes, Instant observedAt,
                           Map<String, Object> metadata) {
    }

    private Listing list() {
        Organization organization = upstream.organization();
        List<Handshake> sent = upstream.organizationHandshakes();
        List<Handshake> received = upstream.accountHandshakes();
        if (sent == null && received == null) {
            throw new IllegalStateException("The credentials may list no handshakes: ListHandshakesForOrganization"
                    + " and ListHandshakesForAccount were both denied (AccessDeniedException); the mirror needs"
                    + " organizations:ListHandshakesForOrganization (README, \"Keeping a real organization's"
                    + " history\")");
        }
        Instant observedAt = Instant.now();
        Map<String, ObservedHandshake> handshakes = new LinkedHashMap<>();
        Stream.of(sent, received).filter(Objects::nonNull).flatMap(List::stream)
                .forEach(h -> handshakes.putIfAbsent(h.id(), SdkHandshakes.observed(h)));
        // the management account when the organization's list was readable; a member's credentials read only theirs
        String account = organization != null && sent != null ? organization.masterAccountId() : null;
        Upstream identity = new Upstream(upstream.endpoint(), upstream.region(),
                organization == null ? null : organization.id(), account);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AuditMetadata.ACTOR_TYPE, AuditMetadata.OBSERVED);
        if (account != null) {
            metadata.put(AuditMetadata.ACCOUNT_ID, account);
        }
        metadata.put(AuditMetadata.ACCESS_KEY_ID, upstream.accessKeyId());
        return new Listing(identity, handshakes, observedAt, metadata);
    }

    private void record(Listing listing) {
        String endpoint = upstream.endpoint();
        List<String> failures = new ArrayList<>();
        for (ObservedHandshake handshake : listing.handshakes().values()) {
            try {
                send(new ObserveHandshakeCommand(listing.identity(), handshake, listing.observedAt()), listing);
                state.saw(endpoint, handshake, listing.observedAt());
            } catch (RuntimeException e) {
                failures.add(handshake.id() + ": " + describe(e));
                log.warn("Mirror could not record handshake {} of {}", handshake.id(), endpoint, e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + listing.handshakes().size()
                    + " listed handshakes could not be recorded; first: " + failures.get(0));
        }
        for (String known : state.listed(endpoint)) {
            if (!listing.handshakes().containsKey(known)) {
                send(ObserveHandshakeVanishedCommand.of(known, listing.identity(), listing.observedAt()), listing);
                state.vanished(known, listing.observedAt());
            }
        }
    }

    private void send(Object command, Listing listing) {
        gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(listing.metadata()));
    }

    private static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
