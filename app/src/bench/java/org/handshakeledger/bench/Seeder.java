package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.handshakeledger.HandshakeLedgerApplication;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.ExpiryDue;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeadlines;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.handshake.RetentionDue;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.InvitationReleasedEvent;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.handshakeledger.projections.audit.AuditTrailProjection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fills a stopped ledger's store with the handshakes of a {@link SeedPlan}, through the application's own code: it
 * starts the application context (no web server) on the data directory and publishes, through the {@link EventStore}
 * bean, exactly the events the aggregates would have applied for each request (same payload records, aggregate ids
 * and types, per-aggregate sequence numbers, and the request metadata the audit actor puts on them), with the
 * deadline each handshake would still have pending (expiry of an open one, deletion of an answered one). Batches of
 * {@link #BATCH} handshakes share one unit of work and transaction; the subscribing view processors write the
 * Describe/List views in it.
 *
 * <p>The audit trail (a tracking processor) is either built too (the seeder waits for it to catch up) or, by default,
 * left out: building it costs more than the seeding itself, and no read of the benchmark touches it. Then the
 * processor is stopped at once and its token set to the head of the store, so the ledger it hands over is at rest
 * (nothing to catch up at start) with a trail that holds only the first few records.
 *
 * <p>The database is the service's own H2 file, opened without {@code WRITE_DELAY=0}: a seeding batch needs no
 * durability of its own (the file is closed cleanly at the end), and H2's background writer, which that setting
 * turns off, is also what compacts the file as it goes; without it the file grows to about 14 times its data.
 *
 * <p>Run as a child process by the harness: {@code Seeder <data dir> <accounts file> <size> <seededAt epoch ms>
 * <result file> <build audit trail: true|false> <writer threads>}.
 */
public final class Seeder {
    /**
     * Handshakes per unit of work. Small on purpose: every view handler's repository query auto-flushes the
     * persistence context, which dirty-checks every entity the transaction touched (the stored events included), so
     * the cost per handshake grows with the batch.
     */
    static final int BATCH = 20;
    private static final String HANDSHAKE = "HandshakeAggregate";
    private static final String ORGANIZATION = "OrganizationAggregate";
    private static final String ACCOUNT = "AccountAggregate";
    private static final String USER_AGENT = "aws-sdk-java/2.40.2 bench-seeder";

    private final SeedPlan plan;
    private final EventStore events;
    private final DeadlineManager deadlines;
    private final long[] organizationSequence = new long[BenchAccounts.SEED_ORGANIZATIONS];
    private final long[] managerSequence = new long[BenchAccounts.SEED_ORGANIZATIONS];
    private final long[] recipientSequence = new long[BenchAccounts.SEED_RECIPIENTS];
    /** The seeded organization each recipient is a member of, or -1. */
    private final int[] membership = new int[BenchAccounts.SEED_RECIPIENTS];
    /** The events of the batch the current thread is writing. */
    private final ThreadLocal<List<DomainEventMessage<?>>> batch = ThreadLocal.withInitial(ArrayList::new);
    private final AtomicLong eventCount = new AtomicLong();
    /** The next handshake to write; batches are claimed and their events made in handshake order, under a lock. */
    private int nextHandshake;

    private Seeder(SeedPlan plan, EventStore events, DeadlineManager deadlines) {
        this.plan = plan;
        this.events = events;
        this.deadlines = deadlines;
        Arrays.fill(membership, -1);
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path accountsFile = Path.of(args[1]);
        SeedPlan plan = new SeedPlan(Integer.parseInt(args[2]), Instant.ofEpochMilli(Long.parseLong(args[3])));
        Path result = Path.of(args[4]);
        boolean withAuditTrail = Boolean.parseBoolean(args[5]);
        int threads = Integer.parseInt(args[6]);
        long started = System.nanoTime();
        Files.createDirectories(dataDir);
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("handshake-ledger")
                + ";DB_CLOSE_ON_EXIT=FALSE";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HandshakeLedgerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--ledger.data-dir=" + dataDir, "--ledger.accounts-file=" + accountsFile,
                        "--spring.datasource.url=" + url, "--spring.datasource.username=sa",
                        "--logging.level.root=warn")) {
            double startup = seconds(started);
            StreamingEventProcessor audit = context.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(AuditTrailProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .orElseThrow();
            if (!withAuditTrail) {
                audit.shutDown();
            }
            TransactionManager transactions = context.getBean(TransactionManager.class);
            Seeder seeder = new Seeder(plan, context.getBean(EventStore.class), context.getBean(DeadlineManager.class));
            long seeding = System.nanoTime();
            seeder.inOneTransaction(transactions, seeder::createOrganizations);
            ExecutorService writers = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "seeder");
                thread.setDaemon(true);
                return thread;
            });
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(writers.submit(() -> {
                    while (seeder.seedNextBatch(transactions, seeding)) {
                        // next batch
                    }
                }));
            }
            try {
                for (Future<?> writer : done) {
                    writer.get();
                }
            } finally {
                writers.shutdownNow();
            }
            double seedSeconds = seconds(seeding);
            long auditStart = System.nanoTime();
            if (withAuditTrail) {
                awaitAuditTrail(audit, context.getBean(EventStore.class));
            } else {
                skipAuditTrail(context);
            }
            double auditSeconds = seconds(auditStart);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("handshakes", plan.size());
            figures.put("events", seeder.eventCount.get());
            figures.put("contextStartSeconds", startup);
            figures.put("seedSeconds", seedSeconds);
            figures.put("auditTrail", withAuditTrail);
            figures.put("auditCatchUpSeconds", auditSeconds);
            writeResult(result, figures);
            System.out.printf("seeded %,d handshakes, %,d events in %.1f s (%.0f events/s); audit trail %s%n",
                    plan.size(), seeder.eventCount.get(), seedSeconds, seeder.eventCount.get() / seedSeconds,
                    withAuditTrail ? String.format("caught up %.1f s later", auditSeconds) : "left out");
        }
        System.exit(0);
    }

    private void createOrganizations() {
        Instant at = plan.organizationsCreatedAt();
        for (int o = 0; o < BenchAccounts.SEED_ORGANIZATIONS; o++) {
            String manager = BenchAccounts.seedManager(o);
            Map<String, String> request = request(manager, "CreateOrganization", "{\"FeatureSet\":\"ALL\"}", at);
            append(ACCOUNT, manager, managerSequence[o]++, new AccountMembershipClaimedEvent(new AccountId(manager),
                    new OrganizationId(SeedPlan.organizationId(o)), true, at), request, at);
            append(ORGANIZATION, SeedPlan.organizationId(o), organizationSequence[o]++,
                    new OrganizationCreatedEvent(profile(o), at), nested(request), at);
        }
    }

    /** The requests behind handshake {@code k}, in the order their events would be applied. */
    private void handshake(int k) {
        int o = plan.organization(k);
        int r = plan.recipient(k);
        String organizationId = SeedPlan.organizationId(o);
        String manager = BenchAccounts.seedManager(o);
        String recipient = BenchAccounts.seedRecipient(r);
        HandshakeId id = new HandshakeId(plan.handshakeId(k));
        Instant requestedAt = plan.requestedAt(k);
        if (membership[r] == o) {
            // a member cannot be invited again: it left the organization first
            Instant leftAt = requestedAt.minusSeconds(1);
            Map<String, String> leave = request(recipient, "LeaveOrganization", "{}", leftAt);
            append(ACCOUNT, recipient, recipientSequence[r]++, new AccountMembershipReleasedEvent(
                    new AccountId(recipient), new OrganizationId(organizationId), leftAt), leave, leftAt);
            append(ORGANIZATION, organizationId, organizationSequence[o]++, new AccountLeftOrganizationEvent(
                    new OrganizationId(organizationId), new AccountId(recipient), DepartureReason.LEFT, leftAt),
                    nested(leave), leftAt);
            membership[r] = -1;
        }

        Instant expiresAt = requestedAt.plus(SeedPlan.INVITE_EXPIRY);
        SeedPlan.Outcome outcome = plan.outcome(k);
        String expiryId = outcome == SeedPlan.Outcome.OPEN
                ? schedule(id, expiresAt, HandshakeDeadlines.EXPIRY, new ExpiryDue(id, expiresAt))
                : UUID.randomUUID().toString();
        Map<String, String> invite = request(manager, "InviteAccountToOrganization",
                "{\"Target\":{\"Id\":\"" + recipient + "\",\"Type\":\"ACCOUNT\"}}", requestedAt);
        append(ORGANIZATION, organizationId, organizationSequence[o]++, new InvitationReservedEvent(
                new OrganizationId(organizationId), id, "account:" + recipient, new AccountId(recipient),
                requestedAt, expiresAt), nested(invite), requestedAt);
        append(HANDSHAKE, id.value(), 0, new AccountInvitedEvent(id, profile(o),
                new HandshakeParty(recipient, PartyType.ACCOUNT), new AccountId(recipient), null, List.of(),
                new AccountId(manager), requestedAt, expiresAt, SeedPlan.RETENTION, expiryId), invite, requestedAt);
        if (outcome == SeedPlan.Outcome.OPEN) {
            return;
        }

        Instant at = plan.answeredAt(k);
        Instant deleteAt = at.plus(SeedPlan.RETENTION);
        String retentionId = schedule(id, deleteAt, HandshakeDeadlines.RETENTION, new RetentionDue(id, deleteAt));
        String body = "{\"HandshakeId\":\"" + id.value() + "\"}";
        switch (outcome) {
            case ACCEPTED -> {
                Map<String, String> accept = request(recipient, "AcceptHandshake", body, at);
                if (membership[r] >= 0) {
                    String previous = SeedPlan.organizationId(membership[r]);
                    append(ACCOUNT, recipient, recipientSequence[r]++, new AccountMembershipReleasedEvent(
                            new AccountId(recipient), new OrganizationId(previous), at), nested(accept), at);
                    append(ORGANIZATION, previous, organizationSequence[membership[r]]++,
                            new AccountLeftOrganizationEvent(new OrganizationId(previous), new AccountId(recipient),
                                    DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, at), nested(accept), at);
                }
                append(ACCOUNT, recipient, recipientSequence[r]++, new AccountMembershipClaimedEvent(
                        new AccountId(recipient), new OrganizationId(organizationId), false, at), nested(accept), at);
                append(ORGANIZATION, organizationId, organizationSequence[o]++, new AccountJoinedOrganizationEvent(
                        new OrganizationId(organizationId), new AccountId(recipient), BenchAccounts.email(recipient),
                        BenchAccounts.name(recipient), JoinedMethod.INVITED, id, List.of(), at), nested(accept), at);
                append(HANDSHAKE, id.value(), 1, new HandshakeAcceptedEvent(id, new AccountId(recipient), at,
                        retentionId), accept, at);
                membership[r] = o;
            }
            case DECLINED -> {
                Map<String, String> decline = request(recipient, "DeclineHandshake", body, at);
                append(HANDSHAKE, id.value(), 1, new HandshakeDeclinedEvent(id, new AccountId(recipient), at,
                        retentionId), decline, at);
                append(ORGANIZATION, organizationId, organizationSequence[o]++, new InvitationReleasedEvent(
                        new OrganizationId(organizationId), id, at), nested(decline), at);
            }
            default -> {
                Map<String, String> cancel = request(manager, "CancelHandshake", body, at);
                append(HANDSHAKE, id.value(), 1, new HandshakeCanceledEvent(id, new AccountId(manager),
                        CloseReason.CANCELED_BY_ORIGINATOR, at, retentionId), cancel, at);
                append(ORGANIZATION, organizationId, organizationSequence[o]++, new InvitationReleasedEvent(
                        new OrganizationId(organizationId), id, at), nested(cancel), at);
            }
        }
    }

    /** Scheduled in the batch's unit of work, as the aggregate schedules in its command's; returns the id. */
    private String schedule(HandshakeId id, Instant at, String name, Object payload) {
        return deadlines.schedule(at, name, payload, new AggregateScopeDescriptor(HANDSHAKE, id.value()));
    }

    private void append(String type, String aggregateId, long sequence, Object payload, Map<String, String> metadata,
                        Instant at) {
        batch.get().add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metadata,
                UUID.randomUUID().toString(), at));
        eventCount.incrementAndGet();
    }

    /** One unit of work and transaction: what {@code work} appends is published when it has run. */
    private void inOneTransaction(TransactionManager transactions, Runnable work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        List<DomainEventMessage<?>> events = batch.get();
        unitOfWork.execute(() -> {
            work.run();
            if (!events.isEmpty()) {
                this.events.publish(events);
            }
        });
        events.clear();
    }

    /**
     * Makes the events of the next {@link #BATCH} handshakes under the lock (the per-aggregate sequence numbers and
     * memberships are shared) and writes them in a transaction of this thread's own. Batches of different threads
     * may commit out of order, as concurrent requests do. False once every handshake is written.
     */
    private boolean seedNextBatch(TransactionManager transactions, long seedingStarted) {
        boolean[] more = {true};
        inOneTransaction(transactions, () -> {
            synchronized (this) {
                int from = nextHandshake;
                if (from >= plan.size()) {
                    more[0] = false;
                    return;
                }
                int end = Math.min(plan.size(), from + BATCH);
                nextHandshake = end;
                for (int k = from; k < end; k++) {
                    handshake(k);
                }
                if (end / 100_000 != from / 100_000) {
                    System.out.printf("seeded %,d handshakes (%,d events) in %.0f s%n", end, eventCount.get(),
                            seconds(seedingStarted));
                }
            }
        });
        return more[0];
    }

    /**
     * The metadata the AWS endpoint puts on a request's command, and correlation copies onto its events: the audit
     * actor, plus Axon's traceId (the request's first command) and correlationId (the command that applied the
     * event: the first one here, see {@link #nested}).
     */
    private static Map<String, String> request(String accountId, String operation, String parameters, Instant at) {
        String requestId = UUID.randomUUID().toString();
        String rootCommand = UUID.randomUUID().toString();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(AuditMetadata.ACTOR_TYPE, AuditMetadata.ACCOUNT);
        metadata.put(AuditMetadata.ACCOUNT_ID, accountId);
        metadata.put(AuditMetadata.ACCESS_KEY_ID, BenchAccounts.accessKeyId(accountId));
        metadata.put(AuditMetadata.SOURCE_IP, "127.0.0.1");
        metadata.put(AuditMetadata.USER_AGENT, USER_AGENT);
        metadata.put(AuditMetadata.REQUEST_ID, requestId);
        metadata.put(AuditMetadata.REQUEST_TIME, at.toString());
        metadata.put(AuditMetadata.OPERATION, operation);
        metadata.put(AuditMetadata.REQUEST_PARAMETERS, parameters);
        metadata.put("traceId", rootCommand);
        metadata.put("correlationId", rootCommand);
        return metadata;
    }

    /** The metadata of an event applied by a nested command of the request (its own message id as correlationId). */
    private static Map<String, String> nested(Map<String, String> request) {
        Map<String, String> metadata = new LinkedHashMap<>(request);
        metadata.put("correlationId", UUID.randomUUID().toString());
        return metadata;
    }

    private static OrganizationProfile profile(int organization) {
        String manager = BenchAccounts.seedManager(organization);
        return new OrganizationProfile(new OrganizationId(SeedPlan.organizationId(organization)),
                new AccountId(manager), BenchAccounts.email(manager), BenchAccounts.name(manager), FeatureSet.ALL);
    }

    /** The audit trail's token moves to the head of the store: the ledger will not build what the seeder left out. */
    private static void skipAuditTrail(ConfigurableApplicationContext context) {
        TrackingToken head = context.getBean(EventStore.class).createHeadToken();
        TokenStore tokens = context.getBean(TokenStore.class);
        context.getBean(TransactionManager.class).executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(AuditTrailProjection.PROCESSING_GROUP)) {
                tokens.storeToken(head, AuditTrailProjection.PROCESSING_GROUP, segment);
                tokens.releaseClaim(AuditTrailProjection.PROCESSING_GROUP, segment);
            }
        });
    }

    private static void awaitAuditTrail(StreamingEventProcessor audit, EventStore events)
            throws InterruptedException {
        TrackingToken head = events.createHeadToken();
        long target = head == null ? 0 : head.position().orElse(0);
        while (true) {
            long position = audit.processingStatus().values().stream()
                    .map(status -> status.getCurrentPosition().orElse(-1))
                    .max(Long::compare).orElse(-1L);
            if (position >= target) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static void writeResult(Path file, Map<String, Object> figures) {
        StringBuilder text = new StringBuilder();
        figures.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
