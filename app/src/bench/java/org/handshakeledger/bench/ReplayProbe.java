package org.handshakeledger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replay throughput through the offline rebuild: {@code java -jar handshake-ledger.jar --ledger.data-dir=D
 * --ledger.rebuild=all}, which rebuilds every view from the event store, prints per view {@code rebuilt <name>:
 * <events> events in <seconds> s (<rate> events/s)} and exits 0. A jar that does not know the option ignores it and
 * starts serving instead: once it is ready (or exits without those lines) the rebuild is "not available".
 */
final class ReplayProbe {
    private static final Pattern REBUILT = Pattern.compile(
            "rebuilt (\\S+): (\\d+) events in ([0-9.]+) s \\(([0-9.]+) events/s\\)");

    /** One view's rebuild as the jar reported it. */
    record View(String name, long events, double seconds, double eventsPerSecond) {
    }

    /** {@code available} false with a reason, or the wall time and the views. */
    record Result(boolean available, String reason, double wallSeconds, int exitCode, List<View> views) {
    }

    private ReplayProbe() {
    }

    static Result run(BenchSettings settings, Path dataDir, Path accountsFile) {
        int port = LedgerServer.freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-rebuild.log");
        List<String> command = List.of(LedgerServer.javaExecutable(), "-Xmx" + settings.serverHeap(), "-jar",
                settings.jar().toString(), "--server.port=" + port, "--ledger.data-dir=" + dataDir,
                "--ledger.accounts-file=" + accountsFile, "--ledger.rebuild=" + settings.replayViews());
        long start = System.nanoTime();
        Process process = LedgerServer.launch(command, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
        try {
            while (process.isAlive()) {
                if (LedgerServer.isReady(http, readiness)) {
                    process.destroy();
                    process.waitFor(60, TimeUnit.SECONDS);
                    return new Result(false, "the jar does not know --ledger.rebuild: it started serving instead",
                            0, -1, List.of());
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    return new Result(false, "the rebuild did not finish within 60 minutes", 0, -1, List.of());
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        List<View> views = parse(log);
        int exit = process.exitValue();
        if (exit != 0 || views.isEmpty()) {
            return new Result(false, "the rebuild exited with " + exit + " and reported " + views.size()
                    + " views; see " + log, wall, exit, views);
        }
        return new Result(true, null, wall, exit, views);
    }

    private static List<View> parse(Path log) {
        List<View> views = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher m = REBUILT.matcher(line);
                if (m.find()) {
                    views.add(new View(m.group(1), Long.parseLong(m.group(2)), Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return views;
    }
}
