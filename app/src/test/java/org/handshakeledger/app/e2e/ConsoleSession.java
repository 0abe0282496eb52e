package org.handshakeledger.app.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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

    CookieManager cookies() {
        return cookies;
    }
}
