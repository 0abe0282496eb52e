package org.handshakeledger.app.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for the console's browser tests: Debian's {@code chromium} driven through Debian's
 * {@code chromedriver} (both at {@code /usr/bin}, installed by {@code .ci/run}; the environment variables
 * {@code LEDGER_TEST_CHROMIUM} and {@code LEDGER_TEST_CHROMEDRIVER} point elsewhere). Both paths are given to Selenium,
 * so Selenium Manager never runs and nothing is downloaded.
 *
 * <p>Use it as a JUnit 5 extension, which starts the browser on first use, quits it after each test (an instance
 * field) or after the class (a static field), and saves {@code failed-<Class>.<method>.png} and {@code .html} under
 * {@link #SCREENSHOTS} when a test fails:
 *
 * <pre>{@code
 * @Tag(ConsoleBrowser.TAG)
 * class ConsoleSomethingIT extends AbstractLedgerIT {
 *     @RegisterExtension
 *     final ConsoleBrowser browser = new ConsoleBrowser();
 *     ...
 *     browser.open("http://127.0.0.1:" + port + "/console/");
 *     browser.await(ExpectedConditions.titleContains("Ledger"));
 * }</pre>
 *
 * or as a plain {@link AutoCloseable} in try-with-resources (then call {@link #assumeAvailable()} first, or let
 * {@link #driver()} do it).
 *
 * <p>Without Chromium or chromedriver the tests are skipped, except under {@code CI=true}, where they fail: a green
 * CI always includes them (as for PostgreSQL, TestPostgres).
 *
 * <p>Browser tests carry {@code @Tag(ConsoleBrowser.TAG)}: they run once, in the default failsafe run (H2), and are
 * excluded from the run on PostgreSQL (app/pom.xml), since they test pages, not the store, and each costs a browser.
 */
public final class ConsoleBrowser implements AutoCloseable, BeforeAllCallback, BeforeEachCallback,
        AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback {
    /** The JUnit tag of the browser tests, excluded from the failsafe run on PostgreSQL. */
    public static final String TAG = "browser";
    /** How long {@link #await()} waits by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    /** Where screenshots and page sources go: app/target/console-screenshots (failsafe runs in the module's dir). */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final Path CHROMIUM = Path.of(env("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(env("LEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path DOWNLOADS = Path.of("target", "console-downloads");
    /**
     * Quiet: without selenium-devtools (the tests use WebDriver only, no CDP), Selenium warns at each start that it has
     * no CDP of this Chromium's version. Held here, since java.util.logging keeps its loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private ChromeDriver driver;
    private Path profile;
    private Path downloads;
    private Duration startUpTime;
    private String baseUrl;
    /** Registered as a static field: one browser for the class, quit after all its tests. */
    private boolean perClass;

    /** Skips the calling test (or fails it under CI=true) when Chromium or chromedriver is missing. */
    public static void assumeAvailable() {
        String problem = unavailableBecause();
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and no browser for the console's tests: " + problem);
        }
        Assumptions.abort("No browser for the console's tests (" + problem + "); see README, Tests");
    }

    /** Where {@link #open(String)} resolves paths that start with "/", e.g. {@code "http://127.0.0.1:" + port}. */
    public ConsoleBrowser baseUrl(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return this;
    }

    /** The browser, started on first use (skipping the test, or failing it under CI, without one). */
    public synchronized WebDriver driver() {
        if (driver == null) {
            start();
        }
        return driver;
    }

    /** Goes to {@code url}: absolute, or a path starting with "/" under {@link #baseUrl(String)}. */
    public ConsoleBrowser open(String url) {
        if (url.startsWith("/")) {
            if (baseUrl == null) {
                throw new IllegalStateException("open(\"" + url + "\") without a baseUrl");
            }
            url = baseUrl + url;
        }
        driver().get(url);
        return this;
    }

    /** A wait of {@link #DEFAULT_WAIT}, for {@code until(ExpectedConditions...)}. */
    public WebDriverWait await() {
        return await(DEFAULT_WAIT);
    }

    public WebDriverWait await(Duration timeout) {
        return new WebDriverWait(driver(), timeout);
    }

    /** Waits up to {@link #DEFAULT_WAIT} until {@code condition} gives neither null nor false; returns what it gave. */
    public <T> T await(Function<? super WebDriver, T> condition) {
        return await().until(condition);
    }

    /** The element, once it is visible (up to {@link #DEFAULT_WAIT}). */
    public WebElement visible(By locator) {
        return await(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The visible text of the page's body. */
    public String pageText() {
        return driver().findElement(By.tagName("body")).getText();
    }

    /** Saves a PNG of the window as {@code app/target/console-screenshots/<name>.png}; returns its path. */
    public Path screenshot(String name) {
        byte[] png = ((ChromeDriver) driver()).getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the page's current DOM as {@code app/target/console-screenshots/<name>.html}; returns its path. */
    public Path savePageSource(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver().getPageSource(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser's download directory (empty at start; one per browser, under app/target/console-downloads). */
    public Path downloads() {
        driver();
        return downloads;
    }

    /**
     * Waits until a completed download whose file name matches {@code fileNameGlobOrSuffix} is in {@link #downloads()}
     * and returns it. A glob ("*.csv", "audit-*.json") when it has one of {@code *?[{}, else a suffix (".csv"). Complete
     * means Chromium has renamed it from its {@code .crdownload}.
     */
    public Path awaitDownload(String fileNameGlobOrSuffix, Duration timeout) {
        Function<Path, Boolean> matches;
        if (fileNameGlobOrSuffix.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + fileNameGlobOrSuffix);
            matches = name -> glob.matches(name);
        } else {
            matches = name -> name.toString().endsWith(fileNameGlobOrSuffix);
        }
        Path directory = downloads();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Path> done = completedDownload(directory, matches);
            if (done.isPresent()) {
                return done.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No completed download matching \"" + fileNameGlobOrSuffix + "\" in "
                        + directory + " after " + timeout + "; there: " + list(directory));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Path awaitDownload(String fileNameGlobOrSuffix) {
        return awaitDownload(fileNameGlobOrSuffix, DEFAULT_WAIT);
    }

    /** How long the last start of the browser took (chromedriver and Chromium up, a blank page); null before it. */
    public Duration startUpTime() {
        return startUpTime;
    }

    /** Quits the browser (if it was started) and removes its profile; the downloads stay for inspection. */
    @Override
    public synchronized void close() {
        if (driver == null) {
            return;
        }
        try {
            driver.quit();
        } finally {
            driver = null;
            deleteRecursively(profile);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        assumeAvailable();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeAvailable();
    }

    /** On a failure, while the browser is still on the page the test saw: its screenshot and source. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || driver == null) {
            return;
        }
        String name = "failed-" + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        try {
            screenshot(name);
            savePageSource(name);
        } catch (RuntimeException e) {
            // never hide the test's own failure
            context.getExecutionException().get().addSuppressed(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() {
        assumeAvailable();
        try {
            profile = Files.createTempDirectory("console-browser-profile");
            downloads = Files.createDirectories(DOWNLOADS.resolve(UUID.randomUUID().toString()).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                // CI runs as root, where Chromium's sandbox cannot start
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true,
                "safebrowsing.enabled", false));
        // the driver's path given: Selenium Manager (which would look for, or download, a driver) does not run
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        long started = System.nanoTime();
        driver = new ChromeDriver(service, options);
        startUpTime = Duration.ofNanos(System.nanoTime() - started);
    }

    private static Optional<Path> completedDownload(Path directory, Function<Path, Boolean> matches) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.toList();
            return all.stream()
                    .filter(file -> !file.getFileName().toString().endsWith(".crdownload"))
                    .filter(file -> matches.apply(file.getFileName()))
                    .filter(file -> !Files.exists(file.resolveSibling(file.getFileName() + ".crdownload")))
                    .filter(Files::isRegularFile)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    private static String unavailableBecause() {
        if (!Files.isExecutable(CHROMIUM)) {
            return "no " + CHROMIUM + ": apt-get install chromium";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return "no " + CHROMEDRIVER + ": apt-get install chromium-driver";
        }
        return null;
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover in the temporary directory
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
