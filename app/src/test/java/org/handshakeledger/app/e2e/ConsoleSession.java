package org.handshakeledger.app.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the web console, without the browser: a cookie jar, the CSRF token of the last page read,
 * and forms posted as a browser posts them. For the HTTP-level checks of the console's security; the browser tests
 * drive a real Chromium.
 */
final class ConsoleSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI endpoint;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    ConsoleSession(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Opens the sign-in page and posts the form; the answer is the form's redirect. */
    HttpResponse<String> signIn(String accessKeyId, String secret) {
        get("/console/sign-in");
        return post("/console/sign-in", Map.of("accessKeyId", accessKeyId, "secretAccessKey", secret), true);
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve(path)).GET()
                .header("Accept", "text/html").build());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** Posts a form, with the CSRF token of the last page read or without any. */
    HttpResponse<String> post(String path, Map<String, String> fields, boolean withCsrfToken) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (withCsrfToken && csrf != null) {
            form.put("_csrf", csrf);
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Any request, with this session's cookies. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a live stream (Server-Sent Events) of this session in the background: the lines it sent, once it has
     * ended, cleanly or not.
     */
    CompletableFuture<List<String>> readStream(String path) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint.resolve(path)).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the server closed the stream without its last chunk: ended all the same
            }
            return lines;
        });
    }

    CookieManager cookies() {
        return cookies;
    }
}
