package org.handshakeledger.app.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.BinaryUtils;
import software.amazon.awssdk.utils.Pair;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Verifies the AWS Signature Version 4 {@code Authorization} header of a request against the secrets of the
 * {@link AccountDirectory}, and tells who the caller is.
 *
 * <p>Why the canonical request is assembled here instead of re-signing the request with the SDK's public
 * {@code AwsV4HttpSigner}: a verifier has to rebuild exactly the canonical request the client signed, and that is
 * defined by the client's {@code SignedHeaders}. {@code AwsV4HttpSigner} signs every header present on the request
 * except four it always skips ({@code connection}, {@code expect}, {@code user-agent}, {@code x-amzn-trace-id},
 * silently, in {@code V4CanonicalRequest.getCanonicalHeaders}), and sets {@code Host} and {@code X-Amz-Date} itself.
 * So re-signing the received request would sign headers the client did not (whatever the HTTP stack added), and even
 * after filtering to {@code SignedHeaders} it would reject valid requests from clients that do sign one of the four
 * (botocore skips a different list; hand-written signers sign what they like). This class therefore only chooses
 * the headers, in the client's order, and leaves every SigV4 rule to the SDK: value trimming and comma-joining of
 * repeated headers ({@code V4CanonicalRequest.getCanonicalHeadersString}, which does not filter), URI encoding
 * ({@code SdkHttpUtils}), the credential scope, key derivation, hashing and HMAC ({@code CredentialScope},
 * {@code SignerUtils}). Those are {@code @SdkInternalApi} classes of {@code http-auth-aws}; SigV4VerifierTest checks
 * them against requests signed by the public {@code AwsV4HttpSigner}, the {@code OrganizationsClient} and botocore,
 * so an SDK upgrade that changes them breaks the build, not the running service.
 *
 * <p>Only the header form is supported; presigned (query-string) requests get MissingAuthenticationTokenException.
 * Besides the canonical query string of SigV4, the query string exactly as received is accepted (older curl).
 * A key given a {@code session-token} in the accounts file takes only requests whose {@code X-Amz-Security-Token}
 * is that token, and a key without one takes none; anything else is UnrecognizedClientException, as AWS answers an
 * invalid token.
 */
public final class SigV4Verifier {

    /** The signing name of AWS Organizations, which the {@code /ledger} endpoints share. */
    public static final String ORGANIZATIONS = "organizations";

    /** How far a request's {@code X-Amz-Date} may be from the server clock, either way, as at AWS. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String SECURITY_TOKEN = "x-amz-security-token";

    private final AccountDirectory directory;
    private final Clock clock;
    private final String service;

    public SigV4Verifier(AccountDirectory directory, Clock clock) {
        this(directory, clock, ORGANIZATIONS);
    }

    /** @param service the signing name the credential scope must carry */
    public SigV4Verifier(AccountDirectory directory, Clock clock, String service) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Checks the signature of one request.
     *
     * @param method         the HTTP method, e.g. {@code POST}
     * @param path           the path as received, still percent-encoded, e.g. {@code /}
     * @param rawQueryString the query string as received, still percent-encoded, without {@code ?}; may be null
     * @param headers        the request headers; names in any case, one list entry per occurrence
     * @param body           the request body as received; null counts as empty
     * @return the authenticated caller
     * @throws AuthenticationFailedException carrying the AWS error code when the request is not authentic
     */
    public AuthenticatedCaller verify(HttpServletRequest http, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name, Collections.list(http.getHeaders(name)));
        }
        return verify(http.getMethod(), http.getRequestURI(), http.getQueryString(), headers, body);
    }

    /** The same, for a request given as its parts. */
    public AuthenticatedCaller verify(String method, String path, String rawQueryString,
                                      Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> headersByName = lowerCaseNames(headers);
        String authorization = first(headersByName, "authorization");
        if (authorization == null || authorization.isBlank()) {
            throw AuthenticationFailedException.missingAuthenticationToken();
        }
        AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
        if (!auth.signedHeaders().contains("host")) {
            throw AuthenticationFailedException.incompleteSignature(
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!service.equals(auth.service())) {
            throw AuthenticationFailedException.invalidSignature(
                    "Credential should be scoped to correct service: '" + service + "'.");
        }
        AccessKey key = directory.accessKey(auth.accessKeyId())
                .orElseThrow(AuthenticationFailedException::unrecognizedClient);
        DirectoryAccount account = directory.account(key.accountId())
                .orElseThrow(AuthenticationFailedException::unrecognizedClient);

        String amzDate = first(headersByName, "x-amz-date");
        Instant requestTime = requestTime(amzDate);
        requireFresh(amzDate, requestTime);
        if (!amzDate.startsWith(auth.date())) {
            throw AuthenticationFailedException.invalidSignature("Date in Credential scope does not match YYYYMMDD"
                    + " from ISO-8601 version of date from HTTP: '" + auth.date() + "' != '"
                    + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }

        String canonicalUri = canonicalUri(path);
        String canonicalHeaders = canonicalHeaders(auth.signedHeaders(), headersByName);
        String payloadHash = payloadHash(headersByName, body == null ? new byte[0] : body);
        Set<String> canonicalQueries = new LinkedHashSet<>();
        try {
            canonicalQueries.add(canonicalQueryString(rawQueryString));
        } catch (AuthenticationFailedException e) {
            // not decodable, so only the query as received can have been signed
        }
        canonicalQueries.add(rawQueryString == null ? "" : rawQueryString);
        boolean signed = false;
        for (String canonicalQuery : canonicalQueries) {
            signed |= signs(auth, key, amzDate, requestTime, method, canonicalUri, canonicalQuery, canonicalHeaders,
                    payloadHash);
        }
        if (!signed) {
            throw AuthenticationFailedException.signatureMismatch();
        }
        requireSessionToken(key, headersByName);
        return new AuthenticatedCaller(account, key.id(), auth.region());
    }

    // curl before 8.x (--aws-sigv4; e.g. 7.88 of Debian 12) signs the query string exactly as sent, neither sorted
    // nor re-encoded, so '/ledger/audit?to=...&from=2025-01-01T00:00:00Z' would never verify. The query as received
    // is accepted as a second canonical form: the signature still covers those exact bytes, so nothing unsigned
    // gets in.
    private static boolean signs(AuthorizationHeader auth, AccessKey key, String amzDate, Instant requestTime,
                                 String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                                 String payloadHash) {
        String canonicalRequest = String.join("\n",
                method,
                canonicalUri,
                canonicalQuery,
                canonicalHeaders,
                String.join(";", auth.signedHeaders()),
                payloadHash);
        String expected = signature(canonicalRequest, amzDate, requestTime, auth, key);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII));
    }

    // A key with a session token stands for temporary credentials: every request must carry exactly that token, and a
    // key without one takes none (a token there means the client holds credentials this directory does not know).
    // Checked only once the signature holds, so that nobody without the secret learns anything about the token. The
    // received token is the first argument of MessageDigest.isEqual, whose time depends on that length alone, which
    // the caller knows anyway.
    private static void requireSessionToken(AccessKey key, Map<String, List<String>> headersByName) {
        List<String> sent = headersByName.getOrDefault(SECURITY_TOKEN, List.of());
        boolean valid = key.hasSessionToken()
                ? sent.size() == 1 && MessageDigest.isEqual(sent.get(0).strip().getBytes(StandardCharsets.UTF_8),
                        key.sessionToken().getBytes(StandardCharsets.UTF_8))
                : sent.isEmpty();
        if (!valid) {
            throw AuthenticationFailedException.unrecognizedClient();
        }
    }

    private static String signature(String canonicalRequest, String amzDate, Instant requestTime,
                                    AuthorizationHeader auth, AccessKey key) {
        CredentialScope scope = new CredentialScope(auth.region(), auth.service(), requestTime);
        String stringToSign = String.join("\n",
                AuthorizationHeader.ALGORITHM,
                amzDate,
                scope.scope(),
                SignerUtils.hashCanonicalRequest(canonicalRequest));
        byte[] signingKey = SignerUtils.deriveSigningKey(AwsCredentialsIdentity.create(key.id(), key.secret()), scope);
        return BinaryUtils.toHex(SignerUtils.computeSignature(stringToSign, signingKey));
    }

    private static Instant requestTime(String amzDate) {
        if (amzDate == null) {
            throw AuthenticationFailedException.requestExpired(
                    "Request has no 'X-Amz-Date' header, so the age of its signature cannot be checked.");
        }
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw AuthenticationFailedException.requestExpired("Request has an invalid 'X-Amz-Date' header '"
                    + amzDate + "'; expecting the form 20250314T092653Z.");
        }
    }

    private void requireFresh(String amzDate, Instant requestTime) {
        Instant now = clock.instant();
        if (requestTime.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw AuthenticationFailedException.requestExpired("Signature expired: " + amzDate
                    + " is now earlier than " + SignerUtils.formatDateTime(now.minus(MAX_CLOCK_SKEW))
                    + " (" + SignerUtils.formatDateTime(now) + " - 15 min.)");
        }
        if (requestTime.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw AuthenticationFailedException.requestExpired("Signature not yet current: " + amzDate
                    + " is still later than " + SignerUtils.formatDateTime(now.plus(MAX_CLOCK_SKEW))
                    + " (" + SignerUtils.formatDateTime(now) + " + 15 min.)");
        }
    }

    // Dot segments removed, then percent-encoded a second time, as SigV4 defines it for every service but S3. The
    // normalisation is the Java SDK's own (java.net.URI, keeping a trailing slash only where the path had one).
    private static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
        try {
            String normalized = URI.create("http://localhost" + path).normalize().getRawPath();
            boolean addedTrailingSlash = normalized.length() > 1 && normalized.endsWith("/") && !path.endsWith("/");
            path = addedTrailingSlash ? normalized.substring(0, normalized.length() - 1) : normalized;
        } catch (IllegalArgumentException e) {
            // A path that is not a valid URI path cannot be normalised; it is signed as received.
        }
        return SdkHttpUtils.urlEncodeIgnoreSlashes(path);
    }

    private static String canonicalQueryString(String rawQueryString) {
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return "";
        }
        SortedMap<String, List<String>> parameters = new TreeMap<>();
        for (String pair : rawQueryString.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!name.isEmpty()) {
                parameters.computeIfAbsent(SdkHttpUtils.urlEncode(name), n -> new ArrayList<>())
                        .add(SdkHttpUtils.urlEncode(value));
            }
        }
        parameters.values().forEach(Collections::sort);
        StringBuilder canonical = new StringBuilder();
        SdkHttpUtils.flattenQueryParameters(canonical, parameters);
        return canonical.toString();
    }

    private static String decode(String encoded) {
        try {
            return SdkHttpUtils.urlDecode(encoded);
        } catch (IllegalArgumentException e) {
            throw AuthenticationFailedException.signatureMismatch();
        }
    }

    private static String canonicalHeaders(List<String> signedHeaders, Map<String, List<String>> headersByName) {
        List<Pair<String, List<String>>> signed = new ArrayList<>(signedHeaders.size());
        for (String name : signedHeaders) {
            List<String> values = headersByName.get(name);
            // An absent header takes part with an empty value; the signature then decides.
            signed.add(Pair.of(name, values == null || values.isEmpty() ? List.of("") : values));
        }
        return V4CanonicalRequest.getCanonicalHeadersString(signed);
    }

    // Clients that send x-amz-content-sha256 sign its value in place of hashing the body themselves, so it is only
    // trusted when it matches the body: UNSIGNED-PAYLOAD and streaming markers would leave the body unauthenticated.
    private static String payloadHash(Map<String, List<String>> headersByName, byte[] body) {
        String bodyHash = BinaryUtils.toHex(SignerUtils.hash(body));
        String declared = first(headersByName, CONTENT_SHA256);
        if (declared == null) {
            return bodyHash;
        }
        if (!declared.strip().equalsIgnoreCase(bodyHash)) {
            throw AuthenticationFailedException.invalidSignature(
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declared.strip();
    }

    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values);
                }
            });
        }
        return byName;
    }

    private static String first(Map<String, List<String>> headersByName, String name) {
        List<String> values = headersByName.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
