package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ConcurrentModificationException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Two instances of the packaged jar on one PostgreSQL database, started with the README's running contract, the way
 * a team runs the ledger behind a load balancer. Requests are spread over both; every answer must be the one a single
 * instance would give. Runs whenever a PostgreSQL is reachable ({@link TestPostgres}), and always under CI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
    private static final int RACERS = 20;
    private static final Duration INVITE_EXPIRY = Duration.ofSeconds(4);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TestPostgres.Database database;
    private static LedgerProcess first;
    private static LedgerProcess second;

    private final List<OrganizationsClient> clients = new ArrayList<>();
    private ExecutorService pool;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() {
        TestPostgres.assumeAvailable();
        database = TestPostgres.freshDatabase();
        String run = UUID.randomUUID().toString();
        // one audit signing key for both, as the README asks: the first to start writes it
        Path signingKey = Path.of("target", "it-data", run + "-audit-signing-key.pem");
        first = start(run + "-first", signingKey);
        second = start(run + "-second", signingKey);
    }

    private static LedgerProcess start(String name, Path signingKey) {
        List<String> options = new ArrayList<>(List.of(database.ledgerOptions()));
        options.addAll(List.of("--ledger.accounts-file=" + AbstractLedgerIT.ACCOUNTS_FILE,
                "--ledger.audit.signing-key-file=" + signingKey.toAbsolutePath(),
                "--ledger.handshake.invite-expiry=" + INVITE_EXPIRY, "--db-scheduler.polling-interval=200ms",
                "--ledger.limits.accounts-per-organization=5000", "--ledger.limits.invitations-per-day=5000",
                "--spring.datasource.hikari.maximum-pool-size=20"));
        return new LedgerProcess(Path.of("target", "it-data", name), options.toArray(String[]::new)).start();
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        for (LedgerProcess instance : new LedgerProcess[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void closeClients() {
        pool.shutdownNow();
        clients.forEach(OrganizationsClient::close);
        clients.clear();
    }

    @Test
    @Order(1)
    void aWriteAnsweredByOneInstanceIsReadAtOnceOnTheOther() {
        for (int i = 0; i < 10; i++) {
            String management = LedgerActors.next();
            String organization = client(first, management).createOrganization(r -> r.featureSet(
                    OrganizationFeatureSet.ALL)).organization().id();
            Handshake invitation = invite(first, management, LedgerActors.next());

            assertThat(client(second, management).describeOrganization().organization().id())
                    .isEqualTo(organization);
            // found at once on the other instance; OPEN, unless a slow machine let its short lifetime run out
            Instant asked = Instant.now();
            HandshakeState state = client(second, management).describeHandshake(r -> r.handshakeId(invitation.id()))
                    .handshake().state();
            Instant answered = Instant.now();
            Instant expiry = invitation.expirationTimestamp();
            assertThat(state).isIn(answered.isBefore(expiry) ? List.of(HandshakeState.OPEN)
                    : asked.isBefore(expiry) ? List.of(HandshakeState.OPEN, HandshakeState.EXPIRED)
                    : List.of(HandshakeState.EXPIRED));
            assertThat(client(second, management).listHandshakesForOrganization().handshakes())
                    .extracting(Handshake::id).contains(invitation.id());
        }
    }

    @Test
    @Order(2)
    void acceptsRacingOnBothInstancesAdmitTheAccountExactlyOnce() throws Exception {
        for (int round = 1; round <= 3; round++) {
            String management = LedgerActors.next();
            String account = LedgerActors.next();
            client(first, management).createOrganization(r -> r.featureSet(OrganizationFeatureSet.CONSOLIDATED_BILLING));
            String invitation = invite(first, management, account).id();

            List<Outcome> outcomes = race(RACERS, i -> client(i % 2 == 0 ? first : second, account)
                    .acceptHandshake(r -> r.handshakeId(invitation)).handshake().id());

            String inRound = "round " + round + ": " + outcomes;
            assertThat(outcomes).as(inRound).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).as(inRound).filteredOn(o -> !o.succeeded())
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(400))
                    .allSatisfy(o -> assertThat(o.errorCode()).isEqualTo("HandshakeAlreadyInStateException"));
            for (LedgerProcess instance : new LedgerProcess[] {first, second}) {
                assertThat(Collections.frequency(memberIds(instance, management), account)).as(inRound)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    @Order(3)
    void anAccountAcceptingTwoOrganizationsOnTwoInstancesAtOnceJoinsExactlyOne() throws Exception {
        for (int round = 1; round <= 3; round++) {
            String firstManagement = LedgerActors.next();
            String secondManagement = LedgerActors.next();
            String account = LedgerActors.next();
            client(first, firstManagement).createOrganization(r -> r.featureSet(
                    OrganizationFeatureSet.CONSOLIDATED_BILLING));
            client(second, secondManagement).createOrganization(r -> r.featureSet(
                    OrganizationFeatureSet.CONSOLIDATED_BILLING));
            String fromFirst = invite(first, firstManagement, account).id();
            String fromSecond = invite(second, secondManagement, account).id();

            List<Outcome> outcomes = race(2, i -> i == 0
                    ? client(first, account).acceptHandshake(r -> r.handshakeId(fromFirst)).handshake().id()
                    : client(second, account).acceptHandshake(r -> r.handshakeId(fromSecond)).handshake().id());

            String inRound = "round " + round + ": " + outcomes;
            assertThat(outcomes).as(inRound).extracting(Outcome::status).allSatisfy(s -> assertThat(s).isIn(200, 400));
            int memberships = Collections.frequency(memberIds(second, firstManagement), account)
                    + Collections.frequency(memberIds(first, secondManagement), account);
            assertThat(memberships).as(inRound).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void anExpiryFiresOnceThoughBothInstancesPollTheDeadlines() throws Exception {
        String management = LedgerActors.next();
        client(first, management).createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
        List<String> invitations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            invitations.add(invite(i % 2 == 0 ? first : second, management, LedgerActors.next()).id());
        }

        Instant deadline = Instant.now().plus(INVITE_EXPIRY).plus(PATIENCE);
        for (String invitation : invitations) {
            while (expiries(invitation) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        }
        // both schedulers have polled several times more since the expiries fired
        Thread.sleep(1_000);
        for (String invitation : invitations) {
            assertThat(expiries(invitation)).as(invitation).isEqualTo(1);
            assertThat(client(second, management).describeHandshake(r -> r.handshakeId(invitation)).handshake()
                    .state()).isEqualTo(HandshakeState.EXPIRED);
        }
    }

    @Test
    @Order(5)
    void writesOnBothInstancesDuringARebuildAreInTheRebuiltViewWhichBothShow() throws Exception {
        OperatorHttp onFirst = OperatorHttp.as(new LedgerHttp(first.endpoint().getPort()), LedgerActors.OPERATOR);
        OperatorHttp onSecond = OperatorHttp.as(new LedgerHttp(second.endpoint().getPort()), LedgerActors.OPERATOR);
        String management = LedgerActors.next();
        client(first, management).createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (LedgerProcess instance : new LedgerProcess[] {first, second, first, second}) {
            writers.add(pool.submit(() -> {
                while (writing.get()) {
                    inviteUnlessOutraced(instance, management).ifPresent(acknowledged::add);
                }
                return null;
            }));
        }

        RawSignedRequests.Response started = onFirst.replay("handshake-views");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = onSecond.awaitRebuilt("handshake-views");
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get();
        }

        assertThat(done.path("startedAt").asText()).isEqualTo(started.json().path("startedAt").asText());
        for (LedgerProcess instance : new LedgerProcess[] {first, second}) {
            assertThat(client(instance, management).listHandshakesForOrganizationPaginator().stream()
                    .flatMap(page -> page.handshakes().stream()).map(Handshake::id).collect(Collectors.toSet()))
                    .containsAll(acknowledged);
        }
    }

    /** What another instance's rebuild looks like here: its row in view_rebuild, refreshed while it runs. */
    @Test
    @Order(6)
    void aRebuildRunningOnAnotherInstanceBlocksOthersUntilThatInstanceStopsReporting() throws Exception {
        OperatorHttp onSecond = OperatorHttp.as(new LedgerHttp(second.endpoint().getPort()), LedgerActors.OPERATOR);
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "UPDATE view_rebuild SET state = 'RUNNING', finished_at = NULL, instance = '1@elsewhere',"
                        + " heartbeat_at = now() WHERE view_name = 'handshake-views'")) {
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        RawSignedRequests.Response refused = onSecond.replay("organization-views");
        JsonNode shown = onSecond.projection("handshake-views").path("rebuild");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(shown.path("state").asText()).isEqualTo("RUNNING");

        try (Connection connection = database.connect(); PreparedStatement stale = connection.prepareStatement(
                "UPDATE view_rebuild SET heartbeat_at = now() - interval '1 minute'"
                        + " WHERE view_name = 'handshake-views'")) {
            stale.executeUpdate();
        }
        JsonNode abandoned = onSecond.projection("handshake-views").path("rebuild");
        assertThat(abandoned.path("state").asText()).isEqualTo("FAILED");
        assertThat(abandoned.path("error").asText()).contains("1@elsewhere", "stopped reporting");
        assertThat(onSecond.replay("organization-views").status()).isEqualTo(202);
        onSecond.awaitRebuilt("organization-views");
    }

    /**
     * The instance that runs the audit trail dies by {@code kill -9} in the middle of writes made on both. Every
     * invitation either instance acknowledged is there afterwards, the survivor goes on accepting writes, and it takes
     * the audit trail over: its records cover every acknowledged invitation, in one chain that verifies.
     */
    @Test
    @Order(7)
    void whenTheInstanceRunningTheAuditTrailIsKilledTheOtherCarriesOn() throws Exception {
        LedgerProcess victim = auditTrailOwner();
        LedgerProcess survivor = victim == first ? second : first;
        String management = LedgerActors.next();
        client(survivor, management).createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            LedgerProcess instance = w % 2 == 0 ? victim : survivor;
            writers.add(pool.submit(() -> {
                while (writing.get()) {
                    try {
                        inviteUnlessOutraced(instance, management).ifPresent(acknowledged::add);
                    } catch (RuntimeException refusedOrKilled) {
                        if (instance == survivor) {
                            throw refusedOrKilled;
                        }
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1_500);
        victim.kill();
        Thread.sleep(500);
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get();
        }
        String afterTheKill = invite(survivor, management, LedgerActors.next()).id();
        acknowledged.add(afterTheKill);

        Set<String> listed = client(survivor, management).listHandshakesForOrganizationPaginator().stream()
                .flatMap(page -> page.handshakes().stream()).map(Handshake::id).collect(Collectors.toSet());
        assertThat(listed).containsAll(acknowledged);

        LedgerHttp auditor = new LedgerHttp(survivor.endpoint().getPort());
        Instant deadline = Instant.now().plus(PATIENCE);
        Set<String> audited = Set.of();
        while (!audited.containsAll(acknowledged) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            audited = LedgerHttp.jsonLines(auditor.get(LedgerActors.AUDITOR, "/ledger/audit?organizationId="
                    + organizationOf(survivor, management)).body()).stream()
                    .map(record -> record.path("handshakeId").asText()).collect(Collectors.toSet());
        }
        assertThat(audited).as("handshakes in the survivor's audit trail").containsAll(acknowledged);
        JsonNode verified = auditor.get(LedgerActors.AUDITOR, "/ledger/audit/verify").json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    }

    /** The instance whose process holds the claim on the audit trail's one segment. */
    private static LedgerProcess auditTrailOwner() throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = database.connect();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT owner FROM token_entry WHERE processor_name = 'audit-trail' AND owner IS NOT NULL");
                 ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    // Axon's node id: the process id, then @ and the host
                    long pid = Long.parseLong(rs.getString(1).split("@")[0]);
                    for (LedgerProcess instance : new LedgerProcess[] {first, second}) {
                        if (instance.pid() == pid) {
                            return instance;
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Neither instance claimed the audit trail within " + PATIENCE);
    }

    private static long expiries(String handshakeId) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM domain_event_entry"
                     + " WHERE aggregate_identifier = ? AND payload_type LIKE '%.HandshakeExpiredEvent'")) {
            query.setString(1, handshakeId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private record Outcome(int status, String errorCode) {
        boolean succeeded() {
            return status == 200;
        }
    }

    /** Runs {@code racers} calls released at the same moment; racer {@code i} makes {@code call.apply(i)}. */
    private List<Outcome> race(int racers, Function<Integer, String> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            int racer = i;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    call.apply(racer);
                    return new Outcome(200, null);
                } catch (AwsServiceException e) {
                    return new Outcome(e.statusCode(), e.awsErrorDetails().errorCode());
                }
            }));
        }
        ready.await();
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    private Handshake invite(LedgerProcess instance, String management, String account) {
        return client(instance, management).inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                .type(HandshakePartyType.ACCOUNT))).handshake();
    }

    /**
     * Four writers inviting into one organization contend for it; one that keeps losing the race is told
     * {@code ConcurrentModificationException}, as AWS would, and that invitation was never acknowledged.
     */
    private Optional<String> inviteUnlessOutraced(LedgerProcess instance, String management) {
        try {
            return Optional.of(invite(instance, management, LedgerActors.next()).id());
        } catch (ConcurrentModificationException outraced) {
            return Optional.empty();
        }
    }

    private List<String> memberIds(LedgerProcess instance, String management) {
        return client(instance, management).listAccountsPaginator().stream()
                .flatMap(page -> page.accounts().stream()).map(Account::id).toList();
    }

    private String organizationOf(LedgerProcess instance, String management) {
        return client(instance, management).describeOrganization().organization().id();
    }

    private synchronized OrganizationsClient client(LedgerProcess instance, String accountId) {
        OrganizationsClient client = AbstractLedgerIT.sdkClient(instance.endpoint(), accountId, Region.US_EAST_1);
        clients.add(client);
        return client;
    }
}
