package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.handshakeledger.app.awsjson.RequestBodies;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Property: whatever a signed-in client sends to any operation, the answer is a well-formed AWS JSON answer, a 200
 * with a JSON object or a 400 (413 for a body over the limit) with {@code __type} and a {@code Message} that names
 * nothing of the ledger's insides, and never a 500; and what the refusals leave in the audit trail does not stop it.
 * <p>
 * Thousands of requests are generated from a seeded {@link Random}: a plausible request for the operation, then a
 * few mutations of its tree (a member of the wrong JSON type, null, deep nesting, huge or strange strings, numbers out
 * of range, unknown members) and sometimes of its bytes (truncated, invalid UTF-8, control bytes, duplicate members,
 * not an object, empty). Each is signed with the caller's own key, so it gets past SigV4 to the JSON and input
 * handling. The run stops after {@value #MAX_REQUESTS} requests or {@link #BUDGET}, whichever comes first. The seed
 * is fixed so that the build is repeatable; {@code -Dledger.fuzz.seed=<n>} explores others, and every failure names
 * the seed and the request that caused it.
 */
class RandomRequestsIT extends AbstractLedgerIT {
    private static final long SEED = Long.getLong("ledger.fuzz.seed", 15L);
    private static final int MAX_REQUESTS = 4000;
    private static final Duration BUDGET = Duration.ofSeconds(40);
    /** Writes what the requests need, 2000 levels deep included. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build()).build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What a message must never contain: Java or library names, stack frames, placeholders. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("(?i)java\\.|javax\\.|jakarta\\.|com\\.fasterxml"
            + "|jackson|org\\.[a-z]+\\.|springframework|axonframework|hibernate|postgres|h2database|sqlstate|jdbc"
            + "|exception:|\\$|\\w\\.\\w+\\(\\)|\\bat [\\w.]+\\(|StreamReadConstraints|deserializ|\\bclass\\b");
    private static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z]+");

    private static final List<String> OPERATIONS = List.of("AcceptHandshake", "CancelHandshake",
            "DeclineHandshake", "DescribeHandshake", "InviteAccountToOrganization", "EnableAllFeatures",
            "ListHandshakesForAccount", "ListHandshakesForOrganization", "CreateOrganization",
            "RemoveAccountFromOrganization", "ListAccounts", "ListTagsForResource", "DescribeOrganization",
            "LeaveOrganization", "DeleteOrganization");
    /** Content types a client might send instead of AWS JSON; the body is read the same way whatever they say. */
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
            "garbage", ";;");
    private static final List<String> MEMBER_NAMES = List.of("HandshakeId", "Target", "Id", "Type", "Notes", "Tags",
            "Key", "Value", "Filter", "ActionType", "ParentHandshakeId", "NextToken", "MaxResults", "FeatureSet",
            "AccountId", "ResourceId");
    private static final List<String> ENUM_WORDS = List.of("ACCOUNT", "ORGANIZATION", "EMAIL", "INVITE",
            "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES", "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE",
            "TRANSFER_RESPONSIBILITY", "ALL", "CONSOLIDATED_BILLING", "FOO", "account", "");
    private static final List<String> SNIPPETS = List.of("<script>alert(1)</script>", "javascript:alert(1)",
            "\" onmouseover=\"alert(1)", "<!--", "a < b", "5 > 3", "${jndi:ldap://x/a}", "%s%n%x", "'; DROP TABLE x;--",
            "\u0000", "\u001b[31m", "\u00a0", "\u2028", "\ufeff", "Größe", "部署", "\uD83D\uDE00", "\uD835\uDC00",
            "h-0123456789abcdef", "o-abcdefghij", "aws:owner", "@", "=+-_.:/", "\\", "\"", "\r\n", "\t");

    private final Random random = new Random(SEED);
    private final List<String> callers = new ArrayList<>();
    private final List<String> handshakeIds = new ArrayList<>();
    private final List<String> accountIds = new ArrayList<>();

    @Test
    void everyRequestGetsAWellFormedAwsAnswerAndNeverAServerError() throws Exception {
        // given: a management account with a member and an open invitation, and two standalone accounts
        String management = LedgerActors.next();
        String member = LedgerActors.next();
        String invited = LedgerActors.next();
        String standalone = LedgerActors.next();
        organizationWithMember(management, member, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = invite(management, invited);
        callers.addAll(List.of(management, member, invited, standalone));
        handshakeIds.addAll(List.of(invitation.id(), "h-0000000000000000", "h-" + "a".repeat(32)));
        accountIds.addAll(List.of(management, member, invited, standalone, "999999999999"));
        RawSignedRequests raw = new RawSignedRequests(port);
        Map<String, Integer> answers = new TreeMap<>();

        // when
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        while (sent < MAX_REQUESTS && System.nanoTime() < deadline) {
            String operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
            String caller = callers.get(random.nextInt(callers.size()));
            byte[] body = body(operation);
            String contentType = random.nextInt(10) == 0 ? pick(CONTENT_TYPES) : RawSignedRequests.AWS_JSON;
            RawSignedRequests.Response response = raw.post(caller, "us-east-1",
                    RawSignedRequests.headers(RawSignedRequests.TARGET_PREFIX + operation, contentType), body);
            sent++;

            // then
            String type = assertWellFormed(response, body.length,
                    describe(sent, operation, caller, contentType, body));
            answers.merge(response.status() + " " + type, 1, Integer::sum);
        }
        System.out.printf("RandomRequestsIT: seed %d, %d requests, answers %s%n", SEED, sent, answers);
        assertThat(sent).as("requests sent within %s", BUDGET).isGreaterThanOrEqualTo(1000);
        assertThat(answers.keySet()).as("the generator reaches success, JSON and input errors")
                .anyMatch(answer -> answer.startsWith("200"))
                .anyMatch(answer -> answer.equals("400 SerializationException"))
                .anyMatch(answer -> answer.equals("400 InvalidInputException"));
        assertTheAuditTrailKeepsUp(raw, standalone);
    }

    /** The answer's {@code __type}, or {@code -} for a success, once it is found well-formed. */
    private static String assertWellFormed(RawSignedRequests.Response response, int bodyLength, String context) {
        assertThat(response.status()).as("status of %s", context).isIn(200, 400, 413);
        assertThat(response.status() == 413).as("413 exactly for a body over the limit: %s", context)
                .isEqualTo(bodyLength > RequestBodies.MAX_BYTES);
        assertThat(response.header("Content-Type")).as("content type of %s", context)
                .hasValue("application/x-amz-json-1.1");
        assertThat(response.header("x-amzn-RequestId")).as("request id of %s", context).isPresent();
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body() + " for " + context, e);
        }
        assertThat(answer.isObject()).as("a JSON object for %s: %s", context, response.body()).isTrue();
        if (response.status() == 200) {
            return "-";
        }
        String type = answer.path("__type").asText("");
        String message = answer.path("Message").asText("");
        assertThat(type).as("__type for %s: %s", context, response.body()).matches(ERROR_TYPE);
        assertThat(message).as("Message for %s", context).isNotBlank();
        assertThat(answer.path("Reason").isMissingNode() || answer.path("Reason").isTextual())
                .as("Reason for %s", context).isTrue();
        if (INTERNAL_NAME.matcher(message).find()) {
            fail("The message '%s' names something internal; %s", message, context);
        }
        return type;
    }

    /** A refusal made after all the others is in the audit trail soon: none of them stopped the trail. */
    private void assertTheAuditTrailKeepsUp(RawSignedRequests raw, String account) throws InterruptedException {
        RawSignedRequests.Response refused = raw.call(account, "AcceptHandshake", "{\"HandshakeId\": \"bad\"}");
        String requestId = refused.header("x-amzn-RequestId").orElseThrow();
        LedgerHttp http = new LedgerHttp(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            RawSignedRequests.Response audit = http.get(LedgerActors.AUDITOR, "/ledger/audit?accountId=" + account);
            assertThat(audit.status()).isEqualTo(200);
            if (LedgerHttp.jsonLines(audit.body()).stream()
                    .anyMatch(record -> requestId.equals(record.path("requestId").asText()))) {
                return;
            }
            Thread.sleep(200);
        }
        fail("The audit trail did not record the refusal %s within 60 s (seed %d)", requestId, SEED);
    }

    private String describe(int number, String operation, String caller, String contentType, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return "request " + number + " (seed " + SEED + "): " + operation + " by " + caller + " as " + contentType
                + ", " + body.length + " bytes: " + text.replace("\u0000", "\\0");
    }

    // ---- requests

    private byte[] body(String operation) throws JsonProcessingException {
        if (random.nextInt(40) == 0) {
            return oddBody();
        }
        ObjectNode request = plausible(operation);
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(request);
        }
        byte[] body = JSON.writeValueAsBytes(request);
        return random.nextInt(6) == 0 ? mutateBytes(body) : body;
    }

    /** A request an SDK could send, with values that are sometimes valid and sometimes not. */
    private ObjectNode plausible(String operation) {
        ObjectNode request = NODES.objectNode();
        switch (operation) {
            case "AcceptHandshake", "CancelHandshake", "DeclineHandshake", "DescribeHandshake" ->
                    maybe(request, "HandshakeId", this::handshakeId);
            case "InviteAccountToOrganization" -> {
                ObjectNode target = request.putObject("Target");
                maybe(target, "Id", () -> random.nextBoolean() ? pick(accountIds) : email());
                maybe(target, "Type", () -> random.nextInt(4) == 0 ? pick(ENUM_WORDS)
                        : pick(List.of("ACCOUNT", "EMAIL")));
                maybe(request, "Notes", () -> text(random.nextInt(3) == 0 ? 1100 : 60));
                if (random.nextBoolean()) {
                    ArrayNode tags = request.putArray("Tags");
                    int count = random.nextInt(10) == 0 ? 51 : random.nextInt(4);
                    for (int i = 0; i < count; i++) {
                        ObjectNode tag = tags.addObject();
                        maybe(tag, "Key", () -> random.nextInt(5) == 0 ? text(20) : word(1 + random.nextInt(12)));
                        maybe(tag, "Value", () -> random.nextInt(5) == 0 ? text(20) : word(random.nextInt(12)));
                    }
                }
            }
            case "ListHandshakesForAccount", "ListHandshakesForOrganization" -> {
                if (random.nextBoolean()) {
                    ObjectNode filter = request.putObject("Filter");
                    maybe(filter, "ActionType", () -> pick(ENUM_WORDS));
                    maybe(filter, "ParentHandshakeId", this::handshakeId);
                }
                paging(request);
            }
            case "ListAccounts" -> paging(request);
            case "CreateOrganization" -> maybe(request, "FeatureSet", () -> pick(ENUM_WORDS));
            case "RemoveAccountFromOrganization" -> maybe(request, "AccountId", this::accountId);
            case "ListTagsForResource" -> {
                maybe(request, "ResourceId", () -> random.nextBoolean() ? accountId()
                        : pick(List.of("r-abcd", "ou-abcd-12345678", "p-12345678", "bad", "")));
                if (random.nextInt(4) == 0) {
                    request.put("NextToken", word(8));
                }
            }
            default -> {
                // EnableAllFeatures, DescribeOrganization, LeaveOrganization, DeleteOrganization take no members
            }
        }
        return request;
    }

    private void paging(ObjectNode request) {
        if (random.nextBoolean()) {
            request.put("MaxResults", random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(25) - 2);
        }
        if (random.nextInt(4) == 0) {
            request.put("NextToken", random.nextBoolean() ? word(20) : text(random.nextInt(3) == 0 ? 100_001 : 40));
        }
    }

    private void maybe(ObjectNode node, String member, Supplier<String> value) {
        if (random.nextInt(8) != 0) {
            node.put(member, value.get());
        }
    }

    /** One change to the tree: wrong type, null, nesting, a huge or strange string, an odd number, a new member. */
    private void mutate(ObjectNode request) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(request, objects);
        ObjectNode node = objects.get(random.nextInt(objects.size()));
        String member = node.size() > 0 && random.nextInt(3) != 0 ? fieldOf(node) : pick(MEMBER_NAMES);
        switch (random.nextInt(8)) {
            case 0 -> node.set(member, randomValue(3));
            case 1 -> node.putNull(member);
            case 2 -> node.set(member, nested(pick(List.of(2, 10, 31, 32, 33, 100, 2000))));
            case 3 -> node.put(member, random.nextInt(20) == 0 ? "x".repeat(1_100_000) : text(pick(List.of(0, 1,
                    64, 65, 128, 129, 256, 257, 1024, 1025, 5000))));
            case 4 -> node.set(member, oddNumber());
            case 5 -> node.set("Unknown" + random.nextInt(1000), randomValue(4));
            case 6 -> node.put(member, text(30));
            default -> node.remove(member);
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }

    private String fieldOf(ObjectNode node) {
        Iterator<String> names = node.fieldNames();
        int skip = random.nextInt(node.size());
        for (int i = 0; i < skip; i++) {
            names.next();
        }
        return names.next();
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> NODES.textNode(text(12));
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> oddNumber();
            case 5 -> NODES.textNode(pick(ENUM_WORDS));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(pick(MEMBER_NAMES), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    private JsonNode nested(int depth) {
        JsonNode value = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            value = random.nextBoolean() ? NODES.arrayNode().add(value) : NODES.objectNode().set("X", value);
        }
        return value;
    }

    private JsonNode oddNumber() {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(2_147_483_648L);
            case 1 -> NODES.numberNode(-2_147_483_649L);
            case 2 -> NODES.numberNode(new BigDecimal("1e400"));
            case 3 -> NODES.numberNode(-0.0);
            case 4 -> NODES.numberNode(0.5);
            case 5 -> NODES.numberNode(new BigDecimal("20.0"));
            case 6 -> NODES.numberNode(BigInteger.TEN.pow(200));
            case 7 -> NODES.numberNode(Long.MIN_VALUE);
            default -> NODES.numberNode(random.nextInt(30) - 5);
        };
    }

    /** Bytes no SDK would send: cut, corrupted, with invalid UTF-8 or raw control bytes, members twice. */
    private byte[] mutateBytes(byte[] body) {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        return switch (random.nextInt(7)) {
            case 0 -> Arrays.copyOf(body, at);
            case 1 -> {
                byte[] changed = body.clone();
                if (changed.length > 0) {
                    changed[at] = (byte) random.nextInt(256);
                }
                yield changed;
            }
            case 2 -> insert(body, at, pick(List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0x80},
                    new byte[] {(byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xe2})));
            case 3 -> insert(body, at, new byte[] {(byte) random.nextInt(32)});
            case 4 -> insert(body, Math.min(1, body.length),
                    ("\"" + pick(MEMBER_NAMES) + "\": \"" + handshakeId() + "\", ").getBytes(StandardCharsets.UTF_8));
            case 5 -> replaceFirstStringStart(body, "\\ud800");
            default -> concat(body, pick(List.of(" {}", "x", "]", ",", "\u0000")).getBytes(StandardCharsets.UTF_8));
        };
    }

    private byte[] oddBody() {
        return pick(List.of("", "   ", "[]", "null", "\"{}\"", "42", "true", "{", "}", "{}{}", "{\"a\":}",
                "\ufeff{}", "{\"HandshakeId\":\"\\ud83d\"}", "{\"Notes\":\"\\u0000\"}"))
                .getBytes(random.nextInt(10) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] body, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + inserted.length);
        out.write(body, 0, at);
        out.writeBytes(inserted);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] body, byte[] tail) {
        return insert(body, body.length, tail);
    }

    /** Puts {@code escape} at the start of the first string value, e.g. an unpaired surrogate escape. */
    private static byte[] replaceFirstStringStart(byte[] body, String escape) {
        String text = new String(body, StandardCharsets.UTF_8);
        int colon = text.indexOf(":\"");
        return colon < 0 ? body : insert(body, text.substring(0, colon + 2).getBytes(StandardCharsets.UTF_8).length,
                escape.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- values

    private String handshakeId() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> pick(handshakeIds);
            case 2 -> "h-" + word(random.nextInt(40)).toLowerCase(Locale.ROOT);
            case 3 -> text(12);
            default -> "H-" + "A".repeat(random.nextInt(40));
        };
    }

    private String accountId() {
        return random.nextInt(4) == 0 ? String.valueOf(random.nextLong()) : pick(accountIds);
    }

    private String email() {
        return random.nextInt(4) == 0 ? text(20) : word(1 + random.nextInt(20)) + "@example.com";
    }

    /** Letters and digits only: never anything a message check could mistake for an internal name. */
    private String word(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(62)));
        }
        return word.toString();
    }

    /** Up to about {@code length} characters of anything: scripts, emoji, controls, markup, separators. */
    private String text(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> text.append(pick(SNIPPETS));
                case 1 -> text.appendCodePoint(0x20 + random.nextInt(0x5f));
                case 2 -> text.appendCodePoint(0x4e00 + random.nextInt(0x5000));
                case 3 -> text.appendCodePoint(0x1f600 + random.nextInt(0x50));
                case 4 -> text.appendCodePoint(random.nextInt(0x20));
                default -> text.append(word(1 + random.nextInt(8)));
            }
        }
        return text.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
