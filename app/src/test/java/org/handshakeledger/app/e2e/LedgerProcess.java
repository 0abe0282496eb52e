package org.handshakeledger.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * The packaged jar ({@code app/target/handshake-ledger.jar}) started as a separate process, the way a user runs
 * it, so that a test can kill it with SIGKILL and start it again on the same data directory.
 */
final class LedgerProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "handshake-ledger.jar");

    private final Path dataDir;
    private final List<String> options;
    private final Path log;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private int port;

    LedgerProcess(Path dataDir, String... options) {
        this.dataDir = dataDir;
        this.options = List.of(options);
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Adds {@code variables} to the environment the process is started with. */
    LedgerProcess withEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    LedgerProcess start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar", JAR.toString(),
                "--server.port=" + port, "--ledger.data-dir=" + dataDir));
        command.addAll(options);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(90));
        return this;
    }

    /** Runs the jar on {@code dataDir} with {@code options} until it exits by itself, e.g. for an offline rebuild. */
    static Exit runToExit(Path dataDir, Duration timeout, String... options) throws IOException, InterruptedException {
        return runToExit(dataDir, timeout, Map.of(), options);
    }

    /** {@link #runToExit(Path, Duration, String...)} with {@code environment} added to the process's environment. */
    static Exit runToExit(Path dataDir, Duration timeout, Map<String, String> environment, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar", JAR.toString(),
                "--ledger.data-dir=" + dataDir));
        command.addAll(List.of(options));
        Path output = dataDir.resolveSibling(dataDir.getFileName() + ".run.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The ledger did not exit within " + timeout + "; see " + output);
        }
        return new Exit(process.exitValue(), Files.readString(output));
    }

    record Exit(int code, String output) {
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGTERM ({@link Process#destroy()} on Linux), then waits for the process to exit by itself.
     *
     * @return its exit code
     * @throws AssertionError if it is still running after {@code bound} (it is then killed)
     */
    int terminate(Duration bound) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The ledger did not stop within " + bound + " of SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    /** Everything the process wrote to stdout and stderr, across restarts on the same data directory. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** An SDK client (retries off) signed with a key of the built-in demo directory. */
    OrganizationsClient demoClient(String accountId) {
        return OrganizationsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIADEMO" + accountId, "demo-secret-" + accountId)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The ledger exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("The ledger did not become healthy within " + timeout + "; see " + log);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
