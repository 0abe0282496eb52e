package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar started as a separate process on a store of its own (an H2 data directory, or a PostgreSQL
 * database), the way a user runs it, with quotas raised so that they never refuse a benchmark request, and the
 * {@code metrics} actuator endpoint exposed (on top of the default {@code health,info}) so the heap can be read after
 * start. The start-up scenario starts any command this way ({@link #start(String, List, Path, int, Path, long)}):
 * the README's run command, the fat jar and the minimal Spring Boot application.
 */
final class LedgerServer implements AutoCloseable {
    private static final Pattern HEAP_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");
    private static final String[] SERVER_OPTIONS = {
        "--ledger.limits.accounts-per-organization=1000000",
        "--ledger.limits.invitations-per-day=1000000",
        "--management.endpoints.web.exposure.include=health,info,metrics"
    };

    /**
     * The README's run command, from the project root: the extracted layout and the class-data sharing archive the
     * build made of it. JDK 17 checks the archive's class path as written, so these relative paths only hold with the
     * project root as the working directory; elsewhere the JVM prints a {@code [warning][cds]} line and runs without.
     */
    static final List<String> README_RUN = List.of(
            "-XX:SharedArchiveFile=app/target/handshake-ledger/handshake-ledger.jsa",
            "-jar", "app/target/handshake-ledger/handshake-ledger.jar");
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final int port;
    private final double startupSeconds;
    private final Path log;
    private Stop stopped;

    private LedgerServer(Process process, int port, double startupSeconds, Path log) {
        this.process = process;
        this.port = port;
        this.startupSeconds = startupSeconds;
        this.log = log;
    }

    /** Starts the jar on the H2 file of {@code dataDir} and waits until it is ready. */
    static LedgerServer start(BenchSettings settings, Path dataDir, Path accountsFile) {
        return start(settings, dataDir, accountsFile, List.of("--ledger.data-dir=" + dataDir));
    }

    /**
     * Starts the jar on the store its {@code storeOptions} give (an H2 data directory, or the PostgreSQL running
     * contract) and waits until {@code /actuator/health/readiness} answers 200 (UP). The log and the JFR profile are
     * named after {@code dataDir}.
     */
    static LedgerServer start(BenchSettings settings, Path dataDir, Path accountsFile, List<String> storeOptions) {
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + settings.serverHeap()));
        if (settings.serverJfr()) {
            // deep stacks: a request's frames below the servlet are over 150 deep, and JFR keeps 64 by default
            command.addAll(List.of("-XX:FlightRecorderOptions:stackdepth=256",
                    "-XX:StartFlightRecording=settings=profile,filename="
                            + dataDir.resolveSibling(dataDir.getFileName() + ".jfr")));
        }
        command.addAll(List.of("-jar", settings.jar().toString(), "--server.port=" + port));
        command.addAll(storeOptions);
        command.add("--ledger.accounts-file=" + accountsFile);
        command.addAll(List.of(SERVER_OPTIONS));
        return start("the ledger", command, null, port, log, POLL_MILLIS);
    }

    /**
     * Starts {@code command} in {@code workingDir} (null: the harness's own), its output appended to {@code log}, and
     * waits until {@code /actuator/health/readiness} on {@code port} answers 200, polling every {@code pollMillis}.
     * The start-up is the time from launching the process to that answer. {@code name} is what errors call it.
     */
    static LedgerServer start(String name, List<String> command, Path workingDir, int port, Path log,
                              long pollMillis) {
        long start = System.nanoTime();
        Process process = launch(command, workingDir, log);
        awaitReady(name, process, port, log, Duration.ofMinutes(10), pollMillis);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LedgerServer(process, port, seconds, log);
    }

    static Process launch(List<String> command, Path log) {
        return launch(command, null, log);
    }

    static Process launch(List<String> command, Path workingDir, Path log) {
        try {
            return new ProcessBuilder(command).directory(workingDir == null ? null : workingDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    double startupSeconds() {
        return startupSeconds;
    }

    long pid() {
        return process.pid();
    }

    /** Where the process's output (standard output and error) goes. */
    Path log() {
        return log;
    }

    /** {@code jvm.memory.used} of the heap, in MiB, from the actuator metrics endpoint; -1 if unavailable. */
    double heapUsedMiB() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    endpoint().resolve("/actuator/metrics/jvm.memory.used?tag=area:heap")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher value = HEAP_VALUE.matcher(response.body());
            return response.statusCode() == 200 && value.find() ? Double.parseDouble(value.group(1)) / (1 << 20) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Asks the server's JVM for a full collection (jcmd GC.run), so that the next heap reading is live data. */
    boolean collectGarbage() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How the ledger process ended: its exit value, how long it took after the signal, and whether it was killed. */
    record Stop(int exitValue, double seconds, boolean killed) {
        /** A JVM that ran its shutdown hooks on SIGTERM exits with 128 + 15. */
        boolean clean() {
            return !killed && (exitValue == 0 || exitValue == 143);
        }
    }

    /**
     * Stops the ledger the way a service manager does: {@link Process#destroy} is SIGTERM on Linux, so Spring closes
     * its context and H2 closes its file, and the data directory measured after this is the one a restart would
     * find (on PostgreSQL: the ledger's connections are closed, so its database can be dropped). Only a ledger still
     * running after 60 s is killed (SIGKILL). Stopping twice returns the first result.
     */
    synchronized Stop stop() {
        if (stopped != null) {
            return stopped;
        }
        long start = System.nanoTime();
        boolean killed = false;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    killed = true;
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Stop(-1, (System.nanoTime() - start) / 1e9, true);
        }
        stopped = new Stop(process.exitValue(), (System.nanoTime() - start) / 1e9, killed);
        return stopped;
    }

    @Override
    public void close() {
        stop();
    }

    /** Polls readiness every {@code pollMillis}; fails if the process exits first. */
    static void awaitReady(String name, Process process, int port, Path log, Duration timeout, long pollMillis) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (isReady(http, readiness)) {
                return;
            }
            sleep(pollMillis);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    static boolean isReady(HttpClient http, HttpRequest readiness) {
        try {
            return http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
