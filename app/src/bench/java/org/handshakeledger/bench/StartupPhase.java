package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The start-up scenario of issue 16: the README's run command against the smallest Spring Boot web application
 * ({@code bench/minimal-web}: one {@code @RestController}, Tomcat, the actuator) on the same Spring Boot version, with
 * the plain fat jar as a third row to show what the extracted layout and its class-data sharing archive bring. All
 * three run from the project root with the same JVM flags (none: the README's command has none), apart from the
 * ledger's {@code -XX:SharedArchiveFile}, and are alternated so that whatever else loads the machine falls on each
 * of them alike. The ledger starts on a data directory it has already started on once (its signing key and schema
 * exist), the restart an operator makes; that first start, on an empty directory, is reported too. Each start is
 * timed from launching the process to {@code /actuator/health/readiness} answering 200, and the ledger's own
 * {@code Start-up split:} line says where the time went.
 */
final class StartupPhase {
    /** The target: the README's command is ready in at most 1.5 times the minimal application's time. */
    static final double TARGET_RATIO = 1.5;
    /** Finer than the load scenarios' polling: 50 ms would be 2% of the minimal application's start-up. */
    private static final long POLL_MILLIS = 20;
    /** How long the split line may take after readiness: it is logged from a thread of its own. */
    private static final long SPLIT_WAIT_MILLIS = 10_000;
    /** Between a stop and the next start, so that the stopped JVM's exit is not part of the next start-up. */
    private static final long SETTLE_MILLIS = 1_000;
    private static final Pattern SPLIT = Pattern.compile("Start-up split: JVM (-?[0-9.]+) s, context (-?[0-9.]+) s, "
            + "JPA (-?[0-9.]+) s, Axon (-?[0-9.]+) s, web server (-?[0-9.]+) s; ready (-?[0-9.]+) s after the JVM "
            + "started");
    private static final Pattern STARTED = Pattern.compile(
            "Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern CDS_PROBLEM = Pattern.compile("^.*\\[(warning|error)\\]\\[cds.*$",
            Pattern.MULTILINE);
    private static final Pattern SPRING_BOOT_JAR = Pattern.compile("(?:^|/)spring-boot-(\\d[^/]*)\\.jar$");

    /** What is started, relative to the project root, without the port and the data directory. */
    enum Form {
        MINIMAL("minimal Spring Boot web application", "minimal",
                List.of("-jar", "bench/minimal-web/target/minimal-web.jar")),
        README("ledger, README's run command (extracted layout + CDS archive)", "ledger-readme",
                LedgerServer.README_RUN),
        FAT_JAR("ledger, fat jar (no CDS archive)", "ledger-fat-jar",
                List.of("-jar", "app/target/handshake-ledger.jar"));

        final String label;
        final String file;
        final List<String> arguments;

        Form(String label, String file, List<String> arguments) {
            this.label = label;
            this.file = file;
            this.arguments = arguments;
        }

        boolean ledger() {
            return this != MINIMAL;
        }

        String command() {
            return "java " + String.join(" ", arguments) + " --server.port=P"
                    + (ledger() ? " --ledger.data-dir=D" : "");
        }
    }

    /** The ledger's own account of one start-up, in seconds, as its {@code Start-up split:} line gives it. */
    record Split(double jvm, double context, double jpa, double axon, double webServer, double ready) {
    }

    /**
     * One start: to readiness 200, the ledger's split (null for the minimal application, or if it was not logged),
     * Spring's own {@code Started … in … seconds (process running for …)}, the load average at readiness, and how
     * the process stopped.
     */
    record Run(double seconds, Split split, Double springStarted, Double processRunning, double loadAverage,
               LedgerServer.Stop stop) {
    }

    private final BenchSettings settings;
    private final Report report;
    private final Path dir;

    StartupPhase(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
        this.dir = settings.benchDir().resolve("startup");
    }

    void run() throws IOException {
        Path root = settings.projectRoot();
        for (String file : List.of("bench/minimal-web/target/minimal-web.jar", "app/target/handshake-ledger.jar",
                "app/target/handshake-ledger/handshake-ledger.jar",
                "app/target/handshake-ledger/handshake-ledger.jsa")) {
            if (!Files.isRegularFile(root.resolve(file))) {
                throw new IllegalStateException(root.resolve(file) + " is missing: build with "
                        + "./mvnw -B -Pbench verify -pl app -am");
            }
        }
        String boot = sameSpringBoot(root);
        Files.createDirectories(dir);
        Path dataDir = dir.resolve("ledger-data");

        Run first = start(Form.README, dataDir, "first");
        Map<Form, List<Run>> runs = new EnumMap<>(Form.class);
        for (int i = 1; i <= settings.startupRuns(); i++) {
            for (Form form : Form.values()) {
                Run run = start(form, dataDir, Integer.toString(i));
                runs.computeIfAbsent(form, f -> new ArrayList<>()).add(run);
                System.out.printf(Locale.ROOT, "[bench] start-up %d/%d, %s: %.2f s%s%n", i, settings.startupRuns(),
                        form.label, run.seconds(), run.split() == null ? "" : " (" + split(run.split()) + ")");
            }
        }

        report.fact("start-up: Spring Boot of the ledger and of the minimal application", boot);
        report.fact("start-up: JVM flags", "none but the ledger's -XX:SharedArchiveFile (the README's command has "
                + "none), default heap; each process started from the project root, alternated "
                + settings.startupRuns() + " times: minimal, README's command, fat jar");
        report.fact("start-up to readiness on an empty data dir (first start, README's command)",
                String.format(Locale.ROOT, "%.2f s%s", first.seconds(), first.split() == null ? ""
                        : " (" + split(first.split()) + ")"));
        report.startup(row(Form.README.label + ", empty data dir (first start)", Form.README, List.of(first)));
        for (Form form : Form.values()) {
            report.startup(row(form.label, form, runs.get(form)));
        }
        double minimal = median(runs.get(Form.MINIMAL), Run::seconds);
        double readme = median(runs.get(Form.README), Run::seconds);
        double fatJar = median(runs.get(Form.FAT_JAR), Run::seconds);
        double ratio = readme / minimal;
        report.target(String.format(Locale.ROOT, "start-up to readiness, README's run command / minimal Spring Boot "
                        + "web application (medians of %d alternated starts)", settings.startupRuns()),
                String.format(Locale.ROOT, "%.2f × (%.2f s / %.2f s)", ratio, readme, minimal),
                String.format(Locale.ROOT, "≤ %.1f ×", TARGET_RATIO), ratio <= TARGET_RATIO);
        report.fact("start-up: fat jar / minimal Spring Boot web application (medians)", String.format(Locale.ROOT,
                "%.2f × (%.2f s / %.2f s); the extracted layout and CDS archive take %.2f s (%.0f%%) off the fat jar",
                fatJar / minimal, fatJar, minimal, fatJar - readme, 100 * (fatJar - readme) / fatJar));
        List<LedgerServer.Stop> unclean = Stream.concat(Stream.of(first), runs.values().stream()
                .flatMap(List::stream)).map(Run::stop).filter(stop -> !stop.clean()).toList();
        if (!unclean.isEmpty()) {
            report.fact("start-up: stops that were not clean (SIGTERM)", unclean.toString());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("springBoot", boot);
        figures.put("firstStart", first);
        runs.forEach((form, list) -> figures.put(form.file, Map.of("command", form.command(), "runs", list)));
        figures.put("ratio", ratio);
        report.extra("startup", figures);
    }

    /** Starts {@code form}, waits for readiness and (on the ledger) its split line, stops it with SIGTERM. */
    private Run start(Form form, Path dataDir, String label) throws IOException {
        int port = LedgerServer.freePort();
        Path log = dir.resolve(form.file + "-" + label + ".log");
        List<String> command = new ArrayList<>(List.of(LedgerServer.javaExecutable()));
        command.addAll(form.arguments);
        command.add("--server.port=" + port);
        if (form.ledger()) {
            command.add("--ledger.data-dir=" + dataDir);
        }
        LedgerServer.Stop stop;
        double seconds;
        double load;
        Split split;
        String output;
        try (LedgerServer server = LedgerServer.start(form.label, command, settings.projectRoot(), port, log,
                POLL_MILLIS)) {
            seconds = server.startupSeconds();
            load = Report.loadAverage();
            split = form.ledger() ? awaitSplit(log) : null;
            output = Files.readString(log);
            stop = server.stop();
        }
        Matcher cds = CDS_PROBLEM.matcher(output);
        if (cds.find()) {
            // JDK 17 drops an archive it cannot use with one warning and starts anyway, only slower
            throw new IllegalStateException(form.label + " did not start as intended, its JVM says: " + cds.group()
                    + "; see " + log);
        }
        Matcher started = STARTED.matcher(output);
        boolean found = started.find();
        LedgerServer.sleep(SETTLE_MILLIS);
        return new Run(seconds, split, found ? Double.valueOf(started.group(1)) : null,
                found ? Double.valueOf(started.group(2)) : null, load, stop);
    }

    private static Split awaitSplit(Path log) throws IOException {
        long deadline = System.nanoTime() + SPLIT_WAIT_MILLIS * 1_000_000;
        while (true) {
            Matcher line = SPLIT.matcher(Files.readString(log));
            if (line.find()) {
                return new Split(Double.parseDouble(line.group(1)), Double.parseDouble(line.group(2)),
                        Double.parseDouble(line.group(3)), Double.parseDouble(line.group(4)),
                        Double.parseDouble(line.group(5)), Double.parseDouble(line.group(6)));
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            LedgerServer.sleep(100);
        }
    }

    /**
     * The Spring Boot version both applications package, which must be the same for the comparison to mean anything:
     * the minimal one's Boot jar and the ledger's extracted {@code lib/}.
     */
    private static String sameSpringBoot(Path root) {
        String minimal;
        try (ZipFile jar = new ZipFile(root.resolve("bench/minimal-web/target/minimal-web.jar").toFile())) {
            minimal = springBoot(jar.stream().map(entry -> entry.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ledger;
        try (Stream<Path> lib = Files.list(root.resolve("app/target/handshake-ledger/lib"))) {
            ledger = springBoot(lib.map(path -> path.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (minimal == null || !minimal.equals(ledger)) {
            throw new IllegalStateException("The minimal application packages Spring Boot " + minimal
                    + ", the ledger " + ledger + ": give bench/minimal-web/pom.xml the ledger's parent version");
        }
        return minimal;
    }

    private static String springBoot(Stream<String> names) {
        return names.map(SPRING_BOOT_JAR::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElse(null);
    }

    private static Report.StartupRow row(String application, Form form, List<Run> runs) {
        List<Run> split = runs.stream().filter(run -> run.split() != null).toList();
        Map<String, Double> parts = new LinkedHashMap<>();
        if (!split.isEmpty()) {
            parts.put("JVM", median(split, run -> run.split().jvm()));
            parts.put("context", median(split, run -> run.split().context()));
            parts.put("JPA", median(split, run -> run.split().jpa()));
            parts.put("Axon", median(split, run -> run.split().axon()));
            parts.put("web server", median(split, run -> run.split().webServer()));
            parts.put("ready", median(split, run -> run.split().ready()));
        }
        List<Run> started = runs.stream().filter(run -> run.processRunning() != null).toList();
        return new Report.StartupRow(application, form.command(), runs.size(), median(runs, Run::seconds),
                min(runs, Run::seconds), max(runs, Run::seconds), parts,
                started.isEmpty() ? null : median(started, Run::processRunning),
                min(runs, Run::loadAverage), max(runs, Run::loadAverage));
    }

    private static String split(Split split) {
        return String.format(Locale.ROOT, "JVM %.1f, context %.1f, JPA %.1f, Axon %.1f, web server %.1f; ready %.1f s",
                split.jvm(), split.context(), split.jpa(), split.axon(), split.webServer(), split.ready());
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        List<Double> values = new ArrayList<>(runs.stream().map(value::applyAsDouble).toList());
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static double min(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).max().orElse(Double.NaN);
    }
}
