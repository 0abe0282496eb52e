package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The benchmark harness of issue 8 (README, "Benchmarks"): the start-up of the README's run command against a minimal
 * Spring Boot web application (issue 16, {@link StartupPhase}), the write mix against a fresh ledger, the read mix on a
 * small and a large seeded ledger, start-up and heap on the large one, the web console's pages on the same ledgers
 * ({@link ConsolePages}), and replay through the offline rebuild, each beside its baseline from the same run. The
 * write ledger then takes the pre-signed invite loads of issue 12 (over 100 organizations, into one, and sustained),
 * and its data directory is measured under load and after a clean stop. Writes {@code target/bench/report.md} and
 * {@code report.json}.
 *
 * <p>With {@code bench.store=postgres} the write ledger runs on a fresh PostgreSQL database instead (the README's
 * running contract), beside PostgreSQL's own single-row commit rate with 1 connection and with the load's
 * concurrency, and the report states the target of that store. What only an H2 file has is skipped, with the reason
 * in the report: the disk figures of the data directory, and the read mix, console pages and replay, whose ledgers the
 * {@link Seeder} writes as H2 files.
 */
public final class BenchMain {
    private static final long DISK_SAMPLE_MILLIS = 200;
    /** Issue 12 measured the data directory after a clean stop 1.5 s after the load. */
    private static final long REST_BEFORE_STOP_MILLIS = 1_500;
    /** Signed requests are all held in memory, a few KiB each: this caps them at about 1 GiB of the 2 GiB heap. */
    private static final int MAX_SUSTAINED_REQUESTS = 300_000;
    /** The target for one instance on PostgreSQL: state-changing calls over 100 organizations, 0 errors. */
    private static final double POSTGRES_TARGET = 2_000;
    private static final String NOT_ON_POSTGRES = "not run with bench.store=postgres: ";
    private final BenchSettings settings;
    private final Report report;
    private final Path accountsFile;
    private final Map<Integer, Measurement[]> reads = new LinkedHashMap<>();
    /** The ledgers seeded in this run, by size: the console scenario reuses what the read mix seeded. */
    private final Map<Integer, SeedPlan> seeded = new LinkedHashMap<>();
    private Path largestLedger;
    private long consoleErrors;

    private BenchMain(BenchSettings settings) {
        this.settings = settings;
        this.report = new Report(settings);
        this.accountsFile = BenchAccounts.writeFile(settings.benchDir().resolve("accounts.yaml"),
                settings.writeCycles());
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " is missing: package the app first");
        }
        deleteRecursively(settings.benchDir());
        Files.createDirectories(settings.benchDir());
        BenchMain bench = new BenchMain(settings);
        if (settings.runs("startup")) {
            // first: it is cheap, and the machine is not yet warm from the load phases
            new StartupPhase(settings, bench.report).run();
        }
        if (settings.runs("write")) {
            bench.writeMix();
        }
        if (settings.runs("read") && settings.postgres()) {
            bench.report.fact("read mix, start-up and heap of seeded ledgers", NOT_ON_POSTGRES
                    + "its ledgers are seeded by Seeder into H2 files");
        } else if (settings.runs("read")) {
            bench.readMix(settings.smallLedger(), false);
            bench.readMix(settings.largeLedger(), true);
            bench.growthTargets();
        }
        if (settings.runs("console") && settings.postgres()) {
            bench.report.fact("console pages", NOT_ON_POSTGRES + "they are timed on the seeded ledgers, H2 files");
        } else if (settings.runs("console")) {
            bench.consolePages(settings.smallLedger());
            bench.consolePages(settings.largeLedger());
        }
        if (settings.runs("replay") && settings.postgres()) {
            bench.report.fact("replay (offline rebuild)", NOT_ON_POSTGRES + "it rebuilds the seeded large ledger, "
                    + "an H2 file");
        } else if (settings.runs("replay")) {
            bench.replay();
        }
        bench.report.write(settings.benchDir());
        System.out.println("[bench] report: " + settings.benchDir().resolve("report.md"));
        if (bench.consoleErrors > 0) {
            System.err.printf(Locale.ROOT, "[bench] FAILED: %,d console requests did not answer 200 (see the "
                    + "report)%n", bench.consoleErrors);
            System.exit(1);
        }
        System.exit(0);
    }

    private void writeMix() throws Exception {
        Path dataDir = settings.benchDir().resolve("ledger-write");
        if (!settings.postgres()) {
            Measurement commits = commitBaseline(CommitBaseline.h2(settings.benchDir().resolve("commit-baseline"),
                    settings.concurrency()), "durable commits", "durable-commit baseline (H2 file, same JVM)");
            writeLedger(dataDir, List.of("--ledger.data-dir=" + dataDir), commits, null);
            return;
        }
        try (BenchPostgres database = BenchPostgres.create(settings)) {
            report.store(database.describe());
            commitBaseline(CommitBaseline.postgres(database, 1), "PostgreSQL commits, 1 connection",
                    "durable-commit baseline (PostgreSQL, 1 connection)");
            Measurement commits = commitBaseline(CommitBaseline.postgres(database, settings.concurrency()),
                    "PostgreSQL commits, " + settings.concurrency() + " connections",
                    "durable-commit baseline (PostgreSQL, " + settings.concurrency() + " connections)");
            writeLedger(dataDir, database.ledgerOptions(), commits, database);
        }
    }

    /** Single-row commits, warmed up, then measured; {@code name} is how the ledger's rows refer to it. */
    private Measurement commitBaseline(CommitBaseline opened, String name, String row) throws Exception {
        Measurement commits;
        try (CommitBaseline baseline = opened) {
            LoadRunner.run("warm-up", baseline.concurrency(), settings.warmup(), (i, t) -> t.time("commit",
                    baseline::commitOneRow));
            commits = LoadRunner.run(name, baseline.concurrency(), settings.requests(),
                    (i, t) -> t.time("INSERT+COMMIT", baseline::commitOneRow));
        }
        report.row(row, commits, null);
        return commits;
    }

    /**
     * The write ledger on the store its options give, compared with {@code commits}; {@code postgres} is its
     * database, or null on H2, where the data directory is measured too.
     */
    private void writeLedger(Path dataDir, List<String> storeOptions, Measurement commits, BenchPostgres postgres)
            throws Exception {
        AtomicLong handshakes = new AtomicLong();
        Map<String, Long> handshakesBy = new LinkedHashMap<>();
        try (LedgerServer server = LedgerServer.start(settings, dataDir, accountsFile, storeOptions);
             DiskSampler disk = postgres == null ? DiskSampler.start(dataDir, DISK_SAMPLE_MILLIS) : null;
             BenchClient client = new BenchClient(server.endpoint(), settings.concurrency())) {
            long emptyStore = DiskSampler.sizeOf(dataDir);
            report.fact("start-up, empty store", seconds(server.startupSeconds()));
            Measurement http = httpBaseline(client, server, "write ledger");
            WriteMix mix = new WriteMix(client, handshakes);
            mix.setUp();
            int warmupCycles = settings.warmup() / 2;
            LoadRunner.run("warm-up", settings.concurrency(), 0, warmupCycles, mix::cycle);
            Measurement writes = LoadRunner.run("write mix", settings.concurrency(), warmupCycles,
                    settings.requests() / 2, mix::cycle);
            handshakesBy.put("write mix", handshakes.get());
            report.row("write mix: invite + accept/decline/cancel", writes, commits);
            report.row("  same, against the HTTP baseline", writes, http);
            double ratio = writes.throughput() / commits.throughput();
            report.target("state-changing calls/s, write mix (invite + answer, SDK client signing each call)",
                    format(writes.throughput()), "≥ 2,000", writes.throughput() >= 2000 && writes.errors() == 0);
            report.target("state-changing calls / durable commits, write mix", ratio(ratio), "≥ 0.25",
                    ratio >= 0.25);

            PresignedInvites invites = new PresignedInvites(client.http(), server.endpoint(), handshakes);
            Measurement spread = inviteLoad(invites, "pre-signed invites, 100 organizations",
                    BenchMain::writeOrganization);
            handshakesBy.put("invites, 100 organizations", handshakes.get() - sum(handshakesBy));
            report.row("pre-signed invites, 100 organizations", spread, commits);
            client.createOrganization(BenchAccounts.hotManager()).join();
            Measurement hot = inviteLoad(invites, "pre-signed invites, one organization",
                    i -> BenchAccounts.hotManager());
            handshakesBy.put("invites, one organization", handshakes.get() - sum(handshakesBy));
            report.row("pre-signed invites, one organization", hot, commits);
            inviteTarget("invites/s over 100 organizations (pre-signed, " + settings.concurrency() + " in flight)",
                    spread, 1_000);
            inviteTarget("invites/s into one organization (pre-signed, " + settings.concurrency() + " in flight)",
                    hot, 300);
            if (postgres != null) {
                report.storeTarget(String.format(Locale.ROOT, "PostgreSQL, one instance: state-changing calls "
                                + "over 100 organizations (pre-signed invites, %d in flight)", settings.concurrency()),
                        okFigures(spread), String.format(Locale.ROOT, "≥ %,.0f ok/s, 0 errors", POSTGRES_TARGET),
                        spread.okThroughput() >= POSTGRES_TARGET && spread.errors() == 0);
            }

            if (settings.sustainSeconds() > 0) {
                sustain(invites, spread.okThroughput(), commits);
                handshakesBy.put("sustained invites", handshakes.get() - sum(handshakesBy));
            }
            // the measure: a clean stop shortly after the load, then the directory a restart would open
            LedgerServer.sleep(REST_BEFORE_STOP_MILLIS);
            long peak = disk == null ? 0 : disk.peakBytes();
            LedgerServer.Stop stop = server.stop();
            long rest = DiskSampler.sizeOf(dataDir);
            stopFigures(stop, handshakes.get(), handshakesBy);
            if (postgres == null) {
                diskFigures(dataDir, handshakes.get(), handshakesBy, emptyStore, peak, disk, rest, stop);
            } else {
                long size = postgres.sizeBytes();
                report.fact("write ledger disk", NOT_ON_POSTGRES + "its targets are about the H2 file the ledger "
                        + "manages itself; PostgreSQL's files and WAL are the server's");
                report.fact("PostgreSQL database size after the run (pg_database_size, commit baseline's table "
                        + "included)", String.format(Locale.ROOT, "%s (%,.0f bytes per handshake)", mb(size),
                        (double) size / handshakes.get()));
            }
        }
    }

    private static String okFigures(Measurement load) {
        return String.format(Locale.ROOT, "%,.0f ok/s, %,d errors, p99 %.0f ms", load.okThroughput(), load.errors(),
                load.latency().p99());
    }

    private void stopFigures(LedgerServer.Stop stop, long handshakes, Map<String, Long> handshakesBy) {
        String stopped = stop.killed()
                ? String.format(Locale.ROOT, "killed (SIGKILL) after %.1f s: not a clean stop", stop.seconds())
                : String.format(Locale.ROOT, "SIGTERM, exit %d after %.1f s%s", stop.exitValue(), stop.seconds(),
                        stop.clean() ? "" : ": not a clean stop");
        report.fact("write ledger stopped " + REST_BEFORE_STOP_MILLIS + " ms after its last load", stopped);
        report.fact("handshakes the write ledger holds (invitations answered 200, warm-ups included)",
                String.format(Locale.ROOT, "%,d: %s", handshakes, describe(handshakesBy)));
    }

    /** Signs and sends an unmeasured warm-up, then signs and measures {@code bench.requests} invitations. */
    private Measurement inviteLoad(PresignedInvites invites, String name, IntFunction<String> managerOf) {
        List<PresignedInvites.Signed> warm = invites.sign(settings.warmup(), managerOf);
        LoadRunner.run("warm-up", settings.concurrency(), warm.size(), send(invites, warm));
        List<PresignedInvites.Signed> measured = invites.sign(settings.requests(), managerOf);
        return LoadRunner.run(name, settings.concurrency(), measured.size(), send(invites, measured));
    }

    private static LoadRunner.Operation send(PresignedInvites invites, List<PresignedInvites.Signed> signed) {
        return (i, t) -> t.time("InviteAccountToOrganization", () -> invites.send(signed.get(i)));
    }

    private void inviteTarget(String what, Measurement load, double required) {
        report.target(what, okFigures(load), String.format(Locale.ROOT, "≥ %,.0f, 0 errors", required),
                load.okThroughput() >= required && load.errors() == 0);
    }

    /**
     * Invitations over the 100 organizations without pause for {@code bench.sustain-seconds}, so that the disk peak
     * covers that long under load. The requests are signed before the clock starts, so their number is a guess:
     * three times what the spread load reached, which is only used up if the ledger speeds up threefold.
     */
    private void sustain(PresignedInvites invites, double rate, Measurement commits) {
        Duration duration = Duration.ofSeconds(settings.sustainSeconds());
        int count = (int) Math.min(MAX_SUSTAINED_REQUESTS, Math.max(settings.requests(),
                Math.ceil(3 * rate * settings.sustainSeconds())));
        List<PresignedInvites.Signed> signed = invites.sign(count, BenchMain::writeOrganization);
        Measurement sustained = LoadRunner.runFor("sustained invites", settings.concurrency(), duration, count,
                send(invites, signed));
        report.row(String.format(Locale.ROOT, "pre-signed invites, 100 organizations, %d s", settings.sustainSeconds()),
                sustained, commits);
        report.fact("sustained load (pre-signed invites, 100 organizations)", String.format(Locale.ROOT,
                "%,d requests in %.1f s (%,.0f ok/s, %,d errors)%s", sustained.requests(), sustained.seconds(),
                sustained.okThroughput(), sustained.errors(), sustained.requests() == count
                        ? String.format(Locale.ROOT, "; ran out of its %,d signed requests before %d s", count,
                        settings.sustainSeconds()) : ""));
    }

    private void diskFigures(Path dataDir, long handshakes, Map<String, Long> handshakesBy, long emptyStore,
                             long peak, DiskSampler disk, long rest, LedgerServer.Stop stop) {
        // the sampler ran on through the stop, so what shutdown wrote shows up here, apart from the peak under load
        long peakWithStop = disk.peakBytes();
        report.fact("write ledger data dir (all files)", String.format(Locale.ROOT,
                "empty store %s; peak under load %s (%,d samples every %d ms)%s; at rest after the stop %s",
                mb(emptyStore), mb(peak), disk.samples(), DISK_SAMPLE_MILLIS, peakWithStop > peak
                        ? String.format(Locale.ROOT, "; %s while stopping", mb(peakWithStop)) : "", mb(rest)));

        double perHandshake = handshakes == 0 ? Double.NaN : (double) rest / handshakes;
        report.target("data dir at rest per handshake (clean stop " + REST_BEFORE_STOP_MILLIS + " ms after the load)",
                String.format(Locale.ROOT, "%,.0f bytes (%.1f KiB; %s over %,d handshakes)%s", perHandshake,
                        perHandshake / 1024, mb(rest), handshakes, stop.clean() ? "" : ", stop not clean"),
                "≤ 8,192 bytes (8 KiB)", perHandshake <= 8192);
        double growth = rest == 0 ? Double.NaN : (double) peak / rest;
        report.target(String.format(Locale.ROOT, "data dir peak under load (%d s sustained) / at rest",
                        settings.sustainSeconds()), String.format(Locale.ROOT, "%.2f × (%s / %s)", growth, mb(peak),
                        mb(rest)), "≤ 3 ×", growth <= 3);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("handshakes", handshakes);
        figures.put("handshakesBy", handshakesBy);
        figures.put("emptyStoreBytes", emptyStore);
        figures.put("peakBytes", peak);
        figures.put("peakBytesWhileStopping", peakWithStop);
        figures.put("samples", disk.samples());
        figures.put("sampleMillis", DISK_SAMPLE_MILLIS);
        figures.put("restBytes", rest);
        figures.put("restBytesPerHandshake", perHandshake);
        figures.put("peakOverRest", growth);
        figures.put("sustainSeconds", settings.sustainSeconds());
        figures.put("waitBeforeStopMillis", REST_BEFORE_STOP_MILLIS);
        figures.put("stop", stop);
        figures.put("filesAtRest", DiskSampler.files(dataDir));
        report.extra("writeLedgerDisk", figures);
    }

    private static String writeOrganization(int index) {
        return BenchAccounts.writeManager(index % BenchAccounts.WRITE_ORGANIZATIONS);
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String describe(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((what, count) -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%,d %s", count, what)));
        return text.toString();
    }

    private Measurement httpBaseline(BenchClient client, LedgerServer server, String where) {
        HttpBaseline baseline = new HttpBaseline(client.http(), server.endpoint());
        LoadRunner.run("warm-up", settings.concurrency(), settings.warmup(),
                (i, t) -> t.time("GET liveness", baseline::call));
        Measurement http = LoadRunner.run("HTTP (" + where + ")", settings.concurrency(), settings.requests(),
                (i, t) -> t.time("GET /actuator/health/liveness", baseline::call));
        report.row("HTTP baseline, " + where, http, null);
        return http;
    }

    private void readMix(int size, boolean large) throws Exception {
        Path dataDir = settings.benchDir().resolve("ledger-" + size);
        SeedPlan plan = seeded(dataDir, size);
        String label = String.format(Locale.ROOT, "%,d handshakes", size);
        try (LedgerServer server = LedgerServer.start(settings, dataDir, accountsFile);
             BenchClient client = new BenchClient(server.endpoint(), settings.concurrency())) {
            double startup = server.startupSeconds();
            report.fact("start-up to readiness UP, " + label, seconds(startup));
            report.fact("heap used at readiness, " + label, mib(server.heapUsedMiB()));
            boolean collected = server.collectGarbage();
            report.fact("heap used after a full GC, " + label, collected ? mib(server.heapUsedMiB()) : "not measured");
            if (large) {
                report.target(String.format(Locale.ROOT, "start-up with %,d handshakes", size), seconds(startup),
                        "< 10 s", startup < 10);
            }

            Measurement http = httpBaseline(client, server, label);
            ReadMix mix = new ReadMix(client, plan);
            int lists = Math.max(1, settings.requests() / ReadMix.PAGES);
            int warmLists = Math.max(1, settings.warmup() / ReadMix.PAGES);
            LoadRunner.run("warm-up", settings.concurrency(), settings.warmup(), mix::describe);
            Measurement describe = LoadRunner.run("DescribeHandshake", settings.concurrency(), settings.warmup(),
                    settings.requests(), mix::describe);
            report.row("DescribeHandshake, " + label, describe, http);
            LoadRunner.run("warm-up", settings.concurrency(), warmLists, mix::listForAccount);
            Measurement forAccount = LoadRunner.run("ListHandshakesForAccount", settings.concurrency(), warmLists,
                    lists, mix::listForAccount);
            report.row("ListHandshakesForAccount (3 pages), " + label, forAccount, http);
            LoadRunner.run("warm-up", settings.concurrency(), warmLists, mix::listForOrganization);
            Measurement forOrganization = LoadRunner.run("ListHandshakesForOrganization", settings.concurrency(),
                    warmLists, lists, mix::listForOrganization);
            report.row("ListHandshakesForOrganization (3 pages), " + label, forOrganization, http);

            double ratio = describe.throughput() / http.throughput();
            report.target("DescribeHandshake / HTTP baseline, " + label, ratio(ratio), "≥ 0.40", ratio >= 0.40);
            report.target(String.format(Locale.ROOT, "DescribeHandshake p99 at %d in flight, %s",
                            settings.concurrency(), label), millis(describe.latency().p99()), "< 20 ms",
                    describe.latency().p99() < 20 && describe.errors() == 0);
            reads.put(size, new Measurement[] {describe, forAccount, forOrganization});
        }
    }

    /**
     * The web console's pages on the seeded ledger of {@code size}, signed in as the auditor/operator and as the
     * management account of a seeded organization: each page warmed up, then timed one request at a time.
     */
    private void consolePages(int size) throws Exception {
        Path dataDir = settings.benchDir().resolve("ledger-" + size);
        SeedPlan plan = seeded(dataDir, size);
        String label = String.format(Locale.ROOT, "%,d handshakes", size);
        report.fact("console timeline, " + label, settings.seedAuditTrail()
                ? "audit trail seeded: each timeline lists the handshake's records"
                : "audit trail not seeded (bench.seed-audit-trail=false): every timeline is empty, so its page "
                        + "is timed without records");
        try (LedgerServer server = LedgerServer.start(settings, dataDir, accountsFile)) {
            ConsolePages.Session auditor = ConsolePages.Session.signIn(server.endpoint(), BenchAccounts.auditor());
            ConsolePages.Session manager = ConsolePages.Session.signIn(server.endpoint(),
                    BenchAccounts.seedManager(new SplittableRandom(size).nextInt(
                            BenchAccounts.SEED_ORGANIZATIONS)));
            int warmup = Math.max(10, settings.consoleRequests() / 10);
            for (ConsolePages.Page page : ConsolePages.pages(plan, auditor, manager)) {
                ConsolePages.Result result = ConsolePages.time(page, warmup, settings.consoleRequests());
                report.console(label, result);
                consoleErrors += result.errors();
            }
        }
    }

    /** The ledger of {@code size} this run seeded, seeding it first if no scenario has yet. */
    private SeedPlan seeded(Path dataDir, int size) throws Exception {
        SeedPlan plan = seeded.get(size);
        if (plan == null) {
            plan = new SeedPlan(size, Instant.now());
            seed(dataDir, plan);
            seeded.put(size, plan);
        }
        if (size >= settings.largeLedger()) {
            largestLedger = dataDir;
        }
        return plan;
    }

    /** Latency on the large ledger against the small one, for p50 and p99 of each read. */
    private void growthTargets() {
        Measurement[] small = reads.get(settings.smallLedger());
        Measurement[] large = reads.get(settings.largeLedger());
        String[] names = {"DescribeHandshake", "ListHandshakesForAccount", "ListHandshakesForOrganization"};
        for (int i = 0; i < names.length; i++) {
            double p50 = large[i].latency().p50() / small[i].latency().p50();
            double p99 = large[i].latency().p99() / small[i].latency().p99();
            String sizes = String.format(Locale.ROOT, "%,d vs %,d", settings.largeLedger(), settings.smallLedger());
            report.target(names[i] + " p50 latency, " + sizes, ratio(p50) + " ×", "≤ 1.5 ×", p50 <= 1.5);
            report.target(names[i] + " p99 latency, " + sizes, ratio(p99) + " ×", "≤ 1.5 ×", p99 <= 1.5);
        }
    }

    private void seed(Path dataDir, SeedPlan plan) throws Exception {
        Path result = dataDir.resolveSibling(dataDir.getFileName() + "-seed.properties");
        List<String> command = new ArrayList<>(List.of(LedgerServer.javaExecutable(), "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), Seeder.class.getName(), dataDir.toString(),
                accountsFile.toString(), Integer.toString(plan.size()),
                Long.toString(plan.seededAt().toEpochMilli()), result.toString(),
                Boolean.toString(settings.seedAuditTrail()), Integer.toString(settings.seedThreads())));
        Process seeder = new ProcessBuilder(command).inheritIO().start();
        int exit = seeder.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("The seeder exited with " + exit);
        }
        Properties figures = new Properties();
        try (var in = Files.newInputStream(result)) {
            figures.load(in);
        }
        long events = Long.parseLong(figures.getProperty("events"));
        double seedSeconds = Double.parseDouble(figures.getProperty("seedSeconds"));
        double audit = Double.parseDouble(figures.getProperty("auditCatchUpSeconds"));
        report.fact(String.format(Locale.ROOT, "seeding %,d handshakes", plan.size()), String.format(Locale.ROOT,
                "%,d events in %.1f s (%,.0f events/s, %,.0f handshakes/s); %s", events, seedSeconds,
                events / seedSeconds, plan.size() / seedSeconds, settings.seedAuditTrail()
                        ? String.format(Locale.ROOT, "audit trail caught up %.1f s later", audit)
                        : "audit trail left out (token at the head)"));
        Map<String, Object> seeding = new LinkedHashMap<>();
        figures.forEach((key, value) -> seeding.put(key.toString(), value));
        report.extra("seeding-" + plan.size(), seeding);
    }

    private void replay() {
        if (largestLedger == null) {
            report.fact("replay (offline rebuild)", "not measured: no seeded ledger in this run (add read)");
            return;
        }
        ReplayProbe.Result result = ReplayProbe.run(settings, largestLedger, accountsFile);
        report.extra("replay", result);
        if (!result.available()) {
            report.fact("replay (offline rebuild, --ledger.rebuild=all)", "not available: " + result.reason());
            return;
        }
        report.fact("replay (offline rebuild), wall time incl. JVM start", seconds(result.wallSeconds()));
        for (ReplayProbe.View view : result.views()) {
            report.fact("replay of view " + view.name(), String.format(Locale.ROOT,
                    "%,d events in %.1f s (%,.0f events/s)", view.events(), view.seconds(), view.eventsPerSecond()));
        }
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.2f s", value);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f ms", value);
    }

    private static String mib(double value) {
        return value < 0 ? "not measured" : String.format(Locale.ROOT, "%.0f MiB", value);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
