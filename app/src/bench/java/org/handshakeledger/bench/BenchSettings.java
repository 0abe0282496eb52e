package org.handshakeledger.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one run of the harness does, from {@code -Dbench.*} system properties (the Maven profile passes them on):
 * the ledger sizes of the read mix, the in-flight bound, the request counts of every measured phase and how long
 * the write ledger takes invitations without pause before its disk is measured. With {@code bench.server-jfr} every
 * ledger records a JFR profile next to its data directory ({@code <ledger>.jfr}), to profile before tuning.
 * {@code bench.store} is {@code h2} (the ledger's own H2 file under a data directory) or {@code postgres} (a fresh
 * database of the server at {@code bench.postgres-url}, created for the run and dropped after it). The start-up
 * scenario alternates {@code bench.startup-runs} starts of each of its applications, from {@code bench.project-root};
 * the console scenario times {@code bench.console-requests} sequential GETs of each page.
 */
record BenchSettings(int smallLedger, int largeLedger, int concurrency, int requests, int warmup,
                     int sustainSeconds, Set<String> scenarios, String serverHeap, boolean seedAuditTrail,
                     int seedThreads, String replayViews, boolean serverJfr, String store, String postgresUrl,
                     String postgresUser, String postgresPassword, int startupRuns, int consoleRequests,
                     Path projectRoot, Path benchDir, Path jar) {

    static final Set<String> ALL = Set.of("startup", "write", "read", "console", "replay");

    static BenchSettings fromSystemProperties() {
        String scenarios = System.getProperty("bench.scenarios", "all");
        Set<String> chosen = "all".equals(scenarios) ? ALL
                : Arrays.stream(scenarios.split(",")).map(String::trim).collect(Collectors.toUnmodifiableSet());
        return new BenchSettings(
                Integer.getInteger("bench.small", 10_000),
                Integer.getInteger("bench.large", 1_000_000),
                Integer.getInteger("bench.concurrency", 32),
                Integer.getInteger("bench.requests", 20_000),
                Integer.getInteger("bench.warmup", 4_000),
                Integer.getInteger("bench.sustain-seconds", 30),
                chosen,
                System.getProperty("bench.server-heap", "1g"),
                Boolean.getBoolean("bench.seed-audit-trail"),
                Integer.getInteger("bench.seed-threads", 2),
                System.getProperty("bench.replay-views", "all"),
                Boolean.getBoolean("bench.server-jfr"),
                store(System.getProperty("bench.store", "h2")),
                System.getProperty("bench.postgres-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                System.getProperty("bench.postgres-user", "ledger"),
                System.getProperty("bench.postgres-password", "ledger"),
                Integer.getInteger("bench.startup-runs", 5),
                Integer.getInteger("bench.console-requests", 200),
                Path.of(System.getProperty("bench.project-root", "..")).toAbsolutePath().normalize(),
                Path.of("target", "bench").toAbsolutePath(),
                Path.of("target", "handshake-ledger.jar").toAbsolutePath());
    }

    private static String store(String store) {
        if (!Set.of("h2", "postgres").contains(store)) {
            throw new IllegalArgumentException("bench.store is h2 or postgres, not " + store);
        }
        return store;
    }

    /** Whether the write ledger runs on PostgreSQL ({@code bench.store=postgres}) instead of its H2 file. */
    boolean postgres() {
        return "postgres".equals(store);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** Write cycles (invite + answer) of the write mix, warm-up included: each one is two state-changing calls. */
    int writeCycles() {
        return (requests + warmup) / 2 + 1;
    }
}
