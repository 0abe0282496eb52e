package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code report.md} and {@code report.json}: the store the write ledger ran on (with its own target when it has one),
 * every measured phase with its baseline beside it and the ratio, the targets of issues 8, 12 and 16 with
 * met/missed, the start-up scenario's applications side by side, the console's pages with their 200 ms target, and
 * the facts that are not load phases (seeding, start-up, heap, disk, replay).
 */
final class Report {
    /**
     * A measured phase and the baseline it is compared with (null for a baseline itself), with the machine's 1-minute
     * load average when it ended: anything else running on the machine shows there.
     */
    record Row(String scenario, Measurement measured, Measurement baseline, double loadAverage) {
        Double ratio() {
            return baseline == null || baseline.throughput() == 0 ? null
                    : measured.throughput() / baseline.throughput();
        }
    }

    record Target(String what, String measured, String required, boolean met) {
    }

    record Fact(String what, String value) {
    }

    /**
     * One application of the start-up scenario: its starts to readiness 200 (median, min, max, in seconds), the
     * medians of the ledger's split parts (empty for the minimal application), the median of Spring's "process
     * running for" figure at its {@code Started} line, and the machine's 1-minute load at readiness.
     */
    record StartupRow(String application, String command, int runs, double median, double min, double max,
                      Map<String, Double> split, Double processRunning, double minLoad, double maxLoad) {
    }

    /** One console page timed on the seeded ledger {@code ledger} names, and whether it met the target. */
    record ConsoleRow(String ledger, ConsolePages.Result result, double targetMillis, boolean met) {
    }

    private final BenchSettings settings;
    private final Instant startedAt = Instant.now();
    private final List<Row> rows = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<Fact> facts = new ArrayList<>();
    private final List<StartupRow> startups = new ArrayList<>();
    private final List<ConsoleRow> consolePages = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private String store;
    private Target storeTarget;

    Report(BenchSettings settings) {
        this.settings = settings;
        this.store = settings.postgres() ? "PostgreSQL" : "H2, the ledger's file database under its data directory";
    }

    /** What the write ledger's store is (server, version, settings), stated at the top of the report. */
    void store(String description) {
        store = description;
        System.out.println("[bench] store: " + description);
    }

    /** The target of the store's own issue: listed with the others, and stated at the top beside the store. */
    void storeTarget(String what, String measured, String required, boolean met) {
        storeTarget = new Target(what, measured, required, met);
        targets.add(storeTarget);
    }

    void row(String scenario, Measurement measured, Measurement baseline) {
        rows.add(new Row(scenario, measured, baseline, loadAverage()));
        System.out.printf(Locale.ROOT, "[bench] %-42s %8d req %6d err %9.1f req/s p50 %7.2f p99 %7.2f max %8.2f ms%s%n",
                scenario, measured.requests(), measured.errors(), measured.throughput(), measured.latency().p50(),
                measured.latency().p99(), measured.latency().max(),
                baseline == null ? "" : String.format(Locale.ROOT, "  (%.2f x %s)", rows.get(rows.size() - 1).ratio(),
                        baseline.name()));
        if (measured.errors() > 0) {
            System.out.println("[bench]   first error: " + measured.firstError());
        }
    }

    void target(String what, String measured, String required, boolean met) {
        targets.add(new Target(what, measured, required, met));
    }

    void fact(String what, String value) {
        facts.add(new Fact(what, value));
        System.out.println("[bench] " + what + ": " + value);
    }

    void startup(StartupRow row) {
        startups.add(row);
        System.out.printf(Locale.ROOT, "[bench] start-up, %s: median %.2f s (min %.2f, max %.2f, %d runs)%s%n",
                row.application(), row.median(), row.min(), row.max(), row.runs(),
                row.split().isEmpty() ? "" : "; split " + row.split());
    }

    void console(String ledger, ConsolePages.Result r) {
        consolePages.add(new ConsoleRow(ledger, r, ConsolePages.TARGET_MILLIS, r.met()));
        System.out.printf(Locale.ROOT, "[bench] console, %s, %-58s %5d req %4d err p50 %7.2f p95 %7.2f p99 %7.2f "
                        + "max %8.2f ms: %s%n", ledger, r.page(), r.requests(), r.errors(), r.p50(), r.p95(), r.p99(),
                r.max(), r.met() ? "met" : "MISSED");
        if (r.errors() > 0) {
            System.out.println("[bench]   first error: " + r.firstError());
        }
    }

    /** Anything else worth keeping in report.json (seeding figures, replay views). */
    void extra(String key, Object value) {
        extra.put(key, value);
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), markdown());
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(dir.resolve("report.json"), json.writeValueAsString(jsonTree()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# handshake-ledger benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d cores, %s %s; %d in flight, %,d measured requests per "
                        + "phase after %,d warm-up requests; sustained invite load of %d s; ledgers of %,d and %,d "
                        + "handshakes.%n%n", startedAt, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), settings.concurrency(),
                settings.requests(), settings.warmup(), settings.sustainSeconds(), settings.smallLedger(),
                settings.largeLedger()));
        md.append("**Store: ").append(settings.store()).append("**: ").append(store).append(".\n\n");
        if (storeTarget != null) {
            md.append(String.format(Locale.ROOT, "**Target of this store**: %s %s: %s (measured %s).%n%n",
                    storeTarget.what(), storeTarget.required(), storeTarget.met() ? "**met**" : "**missed**",
                    storeTarget.measured()));
        }
        md.append("## Phases\n\n")
                .append("| phase | requests | errors | req/s | p50 ms | p99 ms | max ms | baseline | baseline req/s "
                        + "| baseline p50 / p99 ms | ratio | load |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Measurement m = row.measured();
            Measurement b = row.baseline();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %,.0f | %.2f | %.2f | %.2f | %s | %s | %s | %s "
                            + "| %.1f |%n",
                    row.scenario(), m.requests(), m.errors(), m.throughput(), m.latency().p50(), m.latency().p99(),
                    m.latency().max(), b == null ? "—" : b.name(),
                    b == null ? "—" : String.format(Locale.ROOT, "%,.0f", b.throughput()),
                    b == null ? "—" : String.format(Locale.ROOT, "%.2f / %.2f", b.latency().p50(), b.latency().p99()),
                    row.ratio() == null ? "—" : String.format(Locale.ROOT, "%.2f", row.ratio()), row.loadAverage()));
        }
        md.append("\n### Per operation\n\n| phase | operation | requests | p50 ms | p99 ms | max ms |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        java.util.Set<Measurement> listed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Row row : rows) {
            if (row.measured().byOperation().size() > 1 && listed.add(row.measured())) {
                row.measured().byOperation().forEach((op, l) -> md.append(String.format(Locale.ROOT,
                        "| %s | %s | %,d | %.2f | %.2f | %.2f |%n", row.scenario(), op, l.count(), l.p50(), l.p99(),
                        l.max())));
            }
        }
        if (!consolePages.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## Console pages%n%n%s%n%n| ledger | page | requests | errors "
                    + "| p50 ms | p95 ms | p99 ms | max ms | target ≤ %.0f ms (p95) | load |%n"
                    + "|---|---|---:|---:|---:|---:|---:|---:|---|---:|%n", CONSOLE_NOTE, ConsolePages.TARGET_MILLIS));
            for (ConsoleRow row : consolePages) {
                ConsolePages.Result r = row.result();
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %.2f | %.2f | %.2f | %.2f | %s | %.1f |%n",
                        row.ledger(), r.page(), r.requests(), r.errors(), r.p50(), r.p95(), r.p99(), r.max(),
                        row.met() ? "met" : "**missed**", r.loadAverage()));
            }
        }
        md.append("\n## Targets\n\n| target | measured | required | |\n|---|---:|---:|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ").append(t.required())
                    .append(" | ").append(t.met() ? "met" : "**missed**").append(" |\n");
        }
        if (!startups.isEmpty()) {
            md.append("\n## Start-up\n\n").append(STARTUP_NOTE).append("\n\n| application | command | runs "
                    + "| median s | min s | max s | JVM | context | JPA | Axon | web server | ready | Spring's process "
                    + "running for | load |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (StartupRow row : startups) {
                md.append(String.format(Locale.ROOT, "| %s | `%s` | %d | %.2f | %.2f | %.2f |", row.application(),
                        row.command(), row.runs(), row.median(), row.min(), row.max()));
                for (String part : List.of("JVM", "context", "JPA", "Axon", "web server", "ready")) {
                    Double value = row.split().get(part);
                    md.append(value == null ? " — |" : String.format(Locale.ROOT, " %.1f |", value));
                }
                md.append(row.processRunning() == null ? " — |"
                        : String.format(Locale.ROOT, " %.2f |", row.processRunning()));
                md.append(String.format(Locale.ROOT, " %.1f–%.1f |%n", row.minLoad(), row.maxLoad()));
            }
        }
        md.append("\n## Seeding, start-up, heap, disk, replay\n\n| what | value |\n|---|---|\n");
        for (Fact f : facts) {
            md.append("| ").append(f.what()).append(" | ").append(f.value()).append(" |\n");
        }
        md.append("\n").append(NOTES.formatted(settings.postgres() ? POSTGRES_COMMITS : H2_COMMITS,
                settings.postgres() ? POSTGRES_DISK : H2_DISK));
        return md.toString();
    }

    private Map<String, Object> jsonTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("startedAt", startedAt.toString());
        tree.put("cores", Runtime.getRuntime().availableProcessors());
        tree.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        tree.put("store", settings.store());
        tree.put("storeDescription", store);
        tree.put("storeTarget", storeTarget);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("concurrency", settings.concurrency());
        config.put("requests", settings.requests());
        config.put("warmup", settings.warmup());
        config.put("sustainSeconds", settings.sustainSeconds());
        config.put("smallLedger", settings.smallLedger());
        config.put("largeLedger", settings.largeLedger());
        config.put("serverHeap", settings.serverHeap());
        config.put("consoleRequests", settings.consoleRequests());
        config.put("seedAuditTrail", settings.seedAuditTrail());
        config.put("scenarios", settings.scenarios());
        config.put("store", settings.store());
        if (settings.postgres()) {
            config.put("postgresUrl", settings.postgresUrl());
            config.put("postgresUser", settings.postgresUser());
        }
        tree.put("settings", config);
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> phase = measurement(row.measured());
            phase.put("scenario", row.scenario());
            if (row.baseline() != null) {
                phase.put("baseline", measurement(row.baseline()));
                phase.put("ratio", row.ratio());
            }
            phase.put("loadAverage", row.loadAverage());
            phases.add(phase);
        }
        tree.put("phases", phases);
        tree.put("targets", targets);
        tree.put("facts", facts);
        tree.put("startups", startups);
        tree.put("consolePages", consolePages);
        tree.putAll(extra);
        return tree;
    }

    /** The 1-minute load average (Linux), or -1. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, Object> measurement(Measurement m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", m.name());
        map.put("requests", m.requests());
        map.put("errors", m.errors());
        if (m.firstError() != null) {
            map.put("firstError", m.firstError());
        }
        map.put("seconds", m.seconds());
        map.put("throughput", m.throughput());
        map.put("latencyMs", m.latency());
        map.put("byOperation", m.byOperation());
        return map;
    }

    private static final String STARTUP_NOTE = "From launching the process to `/actuator/health/readiness` "
            + "answering 200 (polled every 20 ms), each application started from the project root with the same JVM "
            + "flags, alternated, the ledger on a data directory it had started on before (except the first start). "
            + "The split (seconds, medians of each part) is the ledger's own `Start-up split:` line; *ready* there "
            + "counts from the JVM's start, so it is a little below the harness's time. *Spring's process running "
            + "for* is the figure of each application's `Started … in … seconds` line.";

    private static final String CONSOLE_NOTE = "Each page of the web console, signed in through its form as the "
            + "auditor/operator or as the management account of a seeded organization: an unmeasured warm-up, then "
            + "`bench.console-requests` GETs one after the other over one keep-alive connection with the session "
            + "cookie, each timed from sending the request to the last byte of the rendered body. Ids, "
            + "organizations, recipients and days are drawn at random from the seed plan. Any answer but 200 is an "
            + "error (and fails the run). The target (the issue's *under 200 ms on a million handshakes*) is judged "
            + "on p95, with no errors.";

    private static final String NOTES = """
            ## How to read this

            - **req/s** counts completed requests (each page of a List is one request) over the wall time of the \
            phase, with at most the configured number in flight (closed loop: a worker sends its next request \
            when its previous one has answered). Latency is per request, from the SDK call to its completed future.
            - **ratio** is the phase's req/s divided by its baseline's, measured in the same run: *durable \
            commits* are %s; *HTTP* is `GET /actuator/health/liveness` \
            of the same server process through the SDK's Netty HTTP client, same concurrency and request count.
            - Client and server share the machine's cores: the harness's own CPU is part of every figure, \
            baselines included. **load** is the machine's 1-minute load average as the phase ended. The run's own \
            threads count in it (32 requests in flight keep it at 10 to 15 on 2 cores), so compare it between \
            phases of the same kind: a phase whose load stands well above its neighbours' shared the machine with \
            something else, and its figures are low.
            - Two kinds of write figure: the **write mix** goes through the SDK client, which marshals and signs \
            every call while the clock runs, and counts invitations and their answers alike (*state-changing \
            calls*). The **pre-signed invites** (issue 12) are `InviteAccountToOrganization` requests signed with \
            the SDK's `AwsV4HttpSigner` before the clock starts and replayed over keep-alive HTTP/1.1 through the \
            SDK's Netty client: only the ledger's own cost, and only invitations. Their targets count requests \
            answered 200 (**ok/s**); any other answer is an error.
            - **Disk**: %s
            """;
    private static final String H2_COMMITS = "single-row INSERT+COMMIT transactions into an H2 file database with "
            + "the service's URL settings but `WRITE_DELAY=0` (each commit written to the file before it returns), "
            + "from the harness JVM, with the same concurrency";
    private static final String POSTGRES_COMMITS = "single-row INSERT transactions (autocommit) into a scratch "
            + "table of the run's PostgreSQL database over JDBC, from the harness JVM, with the server's "
            + "`synchronous_commit` (on: each commit returns once its WAL is flushed), with 1 connection and with "
            + "the load's concurrency; the ledger's phases are compared with the latter";
    private static final String H2_DISK = "the write ledger's data directory (all files) is sampled every 200 ms "
            + "from its start to its stop, through the write mix, the invite loads and a sustained invite load; it "
            + "is measured again after a SIGTERM stop 1.5 s after the last load. **Per handshake** divides that size "
            + "at rest by every invitation the ledger answered 200 in the run, warm-ups included; the ratio is the "
            + "peak over it.";
    private static final String POSTGRES_DISK = "not measured on PostgreSQL. The disk targets are about the H2 "
            + "file the ledger manages itself (its pages, compaction and shutdown copy); a PostgreSQL database's "
            + "files, WAL and vacuum belong to the server. The database's size after the run (`pg_database_size`) "
            + "is listed among the facts, for information.";
}
