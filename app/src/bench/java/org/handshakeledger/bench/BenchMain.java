package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The benchmark harness of issue 8 (README, "Benchmarks"): the write mix against a fresh ledger, the read mix on a
 * small and a large seeded ledger, start-up and heap on the large one, and replay through the offline rebuild, each
 * beside its baseline from the same run. Writes {@code target/bench/report.md} and {@code report.json}.
 */
public final class BenchMain {
    private final BenchSettings settings;
    private final Report report;
    private final Path accountsFile;
    private final Map<Integer, Measurement[]> reads = new LinkedHashMap<>();
    private Path largestLedger;

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
        if (settings.runs("write")) {
            bench.writeMix();
        }
        if (settings.runs("read")) {
            bench.readMix(settings.smallLedger(), false);
            bench.readMix(settings.largeLedger(), true);
            bench.growthTargets();
        }
        if (settings.runs("replay")) {
            bench.replay();
        }
        bench.report.write(settings.benchDir());
        System.out.println("[bench] report: " + settings.benchDir().resolve("report.md"));
        System.exit(0);
    }

    private void writeMix() throws Exception {
        Measurement commits;
        try (CommitBaseline baseline = new CommitBaseline(settings.benchDir().resolve("commit-baseline"),
                settings.concurrency())) {
            LoadRunner.run("warm-up", settings.concurrency(), settings.warmup(), (i, t) -> t.time("commit",
                    baseline::commitOneRow));
            commits = LoadRunner.run("durable commits", settings.concurrency(), settings.requests(),
                    (i, t) -> t.time("INSERT+COMMIT", baseline::commitOneRow));
        }
        report.row("durable-commit baseline (H2 file, same JVM)", commits, null);

        try (LedgerServer server = LedgerServer.start(settings, settings.benchDir().resolve("ledger-write"),
                accountsFile);
             BenchClient client = new BenchClient(server.endpoint(), settings.concurrency())) {
            report.fact("start-up, empty store", seconds(server.startupSeconds()));
            Measurement http = httpBaseline(client, server, "write ledger");
            WriteMix mix = new WriteMix(client);
            mix.setUp();
            int warmupCycles = settings.warmup() / 2;
            LoadRunner.run("warm-up", settings.concurrency(), 0, warmupCycles, mix::cycle);
            Measurement writes = LoadRunner.run("write mix", settings.concurrency(), warmupCycles,
                    settings.requests() / 2, mix::cycle);
            report.row("write mix: invite + accept/decline/cancel", writes, commits);
            report.row("  same, against the HTTP baseline", writes, http);
            double ratio = writes.throughput() / commits.throughput();
            report.target("state-changing calls/s", format(writes.throughput()), "≥ 2,000",
                    writes.throughput() >= 2000 && writes.errors() == 0);
            report.target("state-changing calls / durable commits", ratio(ratio), "≥ 0.25", ratio >= 0.25);
        }
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
        SeedPlan plan = new SeedPlan(size, Instant.now());
        seed(dataDir, plan);
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
        largestLedger = dataDir;
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
