package org.handshakeledger.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The web console's pages on a seeded ledger, timed as a person waits for them: one GET at a time over a keep-alive
 * connection, with the session cookie of a form sign-in, from sending the request to the last byte of the rendered
 * body. The issue promises every page in under 200 ms on a million handshakes, because the pages read the indexes
 * the API reads; a page meets that when the p95 of its requests is at most 200 ms and every one answered 200.
 * Pages are read as the auditor (who sees everything) and, where the page differs, as the management account of a
 * seeded organization, with random handshakes, organizations, recipients and days of the {@link SeedPlan}.
 */
final class ConsolePages {
    static final double TARGET_MILLIS = 200;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final int MAX_ERROR_BODY = 300;

    /** One timed page: what the report calls it, whose session reads it, and the path of request {@code i}. */
    record Page(String name, Session session, IntFunction<String> path) {
    }

    /** The figures of one page, in milliseconds, with the machine's 1-minute load when its requests ended. */
    record Result(String page, long requests, long errors, String firstError, double p50, double p95, double p99,
                  double max, double loadAverage) {
        boolean met() {
            return errors == 0 && p95 <= TARGET_MILLIS;
        }
    }

    /** A signed-in browser without the browser: a cookie jar and one HTTP/1.1 client, whose connection is kept. */
    static final class Session {
        private final URI endpoint;
        private final HttpClient http;

        private Session(URI endpoint) {
            this.endpoint = endpoint;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        }

        /** Reads the sign-in form for its CSRF token and posts the account's key; fails unless the console opens. */
        static Session signIn(URI endpoint, String accountId) {
            Session session = new Session(endpoint);
            Matcher csrf = CSRF.matcher(session.get("/console/sign-in").body());
            if (!csrf.find()) {
                throw new IllegalStateException("The console's sign-in page has no CSRF token");
            }
            String form = "accessKeyId=" + encode(BenchAccounts.accessKeyId(accountId)) + "&secretAccessKey="
                    + encode(BenchAccounts.secret(accountId)) + "&_csrf=" + encode(csrf.group(1));
            HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(endpoint.resolve("/console/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("refused")
                    || session.get("/console/").statusCode() != 200) {
                throw new IllegalStateException("Account " + accountId + " could not sign in to the console: HTTP "
                        + signedIn.statusCode() + " to " + location);
            }
            return session;
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(endpoint.resolve(path)).header("Accept", "text/html")
                    .timeout(Duration.ofSeconds(60)).GET().build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(request.uri() + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private ConsolePages() {
    }

    /**
     * The pages of the scenario. {@code auditor} also holds the role {@code operator} (the projections page);
     * {@code manager} is the management account of a seeded organization.
     */
    static List<Page> pages(SeedPlan plan, Session auditor, Session manager) {
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("/console/ (auditor: organizations with members)", auditor, i -> "/console/"));
        pages.add(new Page("/console/ (management account)", manager, i -> "/console/"));
        pages.add(new Page("/console/handshakes (auditor: every handshake)", auditor, i -> "/console/handshakes"));
        pages.add(new Page("/console/handshakes?state=OPEN", auditor, i -> "/console/handshakes?state=OPEN"));
        pages.add(new Page("/console/handshakes?organization=…", auditor, i -> "/console/handshakes?organization="
                + SeedPlan.organizationId(random(i, 1).nextInt(BenchAccounts.SEED_ORGANIZATIONS))));
        pages.add(new Page("/console/handshakes?account=… (a recipient)", auditor, i -> "/console/handshakes?account="
                + BenchAccounts.seedRecipient(random(i, 2).nextInt(BenchAccounts.SEED_RECIPIENTS))));
        pages.add(new Page("/console/handshakes?from=…&to=… (one day)", auditor, i -> {
            String day = plan.requestedAt(random(i, 3).nextInt(plan.size())).atZone(ZoneOffset.UTC).toLocalDate()
                    .toString();
            return "/console/handshakes?from=" + day + "&to=" + day;
        }));
        String next = nextPage(auditor);
        pages.add(new Page("/console/handshakes?after=… (next page)", auditor, i -> next));
        pages.add(new Page("/console/handshakes (management account: its organization's)", manager,
                i -> "/console/handshakes"));
        pages.add(new Page("/console/handshakes/{id} (timeline)", auditor,
                i -> "/console/handshakes/" + plan.handshakeId(random(i, 4).nextInt(plan.size()))));
        pages.add(new Page("/console/handshakes/{id}/as-of?at=… (point in time)", auditor, i -> {
            int k = random(i, 5).nextInt(plan.size());
            Instant at = plan.requestedAt(k).plusMillis(500);
            return "/console/handshakes/" + plan.handshakeId(k) + "/as-of?at=" + encode(at.toString());
        }));
        pages.add(new Page("/console/audit", auditor, i -> "/console/audit"));
        pages.add(new Page("/console/projections (operator)", auditor, i -> "/console/projections"));
        return pages;
    }

    /** {@code warmup} unmeasured requests, then {@code requests} measured ones, one after the other. */
    static Result time(Page page, int warmup, int requests) {
        for (int i = 0; i < warmup; i++) {
            page.session().get(page.path().apply(-1 - i));
        }
        Histogram micros = new Histogram(HIGHEST_MICROS, 3);
        long errors = 0;
        String firstError = null;
        for (int i = 0; i < requests; i++) {
            String path = page.path().apply(i);
            long start = System.nanoTime();
            String error;
            try {
                HttpResponse<String> response = page.session().get(path);
                error = response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " " + path + " "
                        + response.headers().firstValue("Location").orElse("") + " "
                        + response.body().substring(0, Math.min(MAX_ERROR_BODY, response.body().length()));
            } catch (RuntimeException e) {
                error = e.toString();
            }
            micros.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - start) / 1000));
            if (error != null) {
                errors++;
                firstError = firstError == null ? error : firstError;
            }
        }
        return new Result(page.name(), micros.getTotalCount(), errors, firstError, millis(micros, 50),
                millis(micros, 95), millis(micros, 99), micros.getMaxValue() / 1000.0, Report.loadAverage());
    }

    /** The "Next page" link of the auditor's first page of every handshake, as a browser would follow it. */
    private static String nextPage(Session auditor) {
        Matcher next = NEXT.matcher(auditor.get("/console/handshakes").body());
        if (!next.find()) {
            throw new IllegalStateException("The first page of /console/handshakes has no rel=\"next\" link");
        }
        return next.group(1).replace("&amp;", "&");
    }

    private static SplittableRandom random(int i, int page) {
        return new SplittableRandom(i * 1_000_003L + page * 7919L);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
