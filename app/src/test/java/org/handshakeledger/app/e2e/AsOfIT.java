package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Issue 17 end to end: {@code /ledger/handshakes/{id}?asOf=} and {@code /ledger/organizations/{id}/handshakes?asOf=}
 * answer what DescribeHandshake and ListHandshakesForOrganization answered at past instants. A history is made
 * once through the AWS SDK (an invitation accepted, one declined, two left to expire, one of them by email) with
 * two-second lifetimes and a three-second retention, and waited for until the retention has deleted every handshake;
 * the instants asked about are taken from the audit trail's records. Shares its settings, and so its application,
 * with {@link AuditTrailIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "ledger.handshake.invite-expiry=PT2S",
    "ledger.handshake.all-features-expiry=PT3S",
    "ledger.handshake.retention=PT3S",
    "db-scheduler.polling-interval=200ms"
})
class AsOfIT extends AbstractLedgerIT {
    private static final Duration RETENTION = Duration.ofSeconds(3);
    private static final Duration MILLI = Duration.ofMillis(1);
    private static final String AUDITOR = LedgerActors.AUDITOR;
    private static final String NEXT_AFTER = "X-Ledger-Next-After";

    private final String management = LedgerActors.next();
    private final String alice = LedgerActors.next();
    private final String bob = LedgerActors.next();
    private final String carol = LedgerActors.next();
    private final String dave = LedgerActors.next();
    private final String stranger = LedgerActors.next();

    private LedgerHttp http;
    private String organization;
    private Instant organizationCreated;
    /** The scripted handshakes in the order they were made; what the trail says of them once all are deleted. */
    private final Map<String, Scripted> handshakes = new LinkedHashMap<>();
    private String accepted;
    private String declined;
    private String expired;
    private String byEmail;

    /**
     * One handshake of the script: as the SDK was answered when it was made and when it settled, and the times of
     * its records. {@code hiddenFrom} is when DescribeHandshake stopped finding it: the retention after it settled,
     * or after it expired.
     */
    private record Scripted(String id, Described invited, Described settled, Instant created, Instant settledAt,
                            Instant deletedAt, Instant hiddenFrom) {
        /** The state DescribeHandshake answered at {@code at}, or empty when it found no such handshake. */
        Optional<String> stateAt(Instant at) {
            if (at.isBefore(created) || !at.isBefore(hiddenFrom) || !at.isBefore(deletedAt)) {
                return Optional.empty();
            }
            if (settledAt != null && !at.isBefore(settledAt)) {
                return Optional.of(settled.state());
            }
            return Optional.of(at.isBefore(invited.expires()) ? "OPEN" : "EXPIRED");
        }
    }

    /** A handshake in the AWS shape, from the SDK's model or from a ledger answer's JSON, to compare the two. */
    private record Described(String id, String arn, String state, String action, Instant requested, Instant expires,
                             List<String> parties, List<String> resources) {
        static Described of(Handshake h) {
            return new Described(h.id(), h.arn(), h.stateAsString(), h.actionAsString(), h.requestedTimestamp(),
                    h.expirationTimestamp(), h.parties().stream().map(p -> p.id() + ":" + p.typeAsString()).toList(),
                    resources(h.resources(), ""));
        }

        static Described of(JsonNode h) {
            List<String> parties = new ArrayList<>();
            h.get("Parties").forEach(p -> parties.add(p.get("Id").asText() + ":" + p.get("Type").asText()));
            return new Described(h.get("Id").asText(), h.get("Arn").asText(), h.get("State").asText(),
                    h.get("Action").asText(), epochSeconds(h.get("RequestedTimestamp")),
                    epochSeconds(h.get("ExpirationTimestamp")), parties, resources(h.get("Resources"), ""));
        }

        Described inState(String newState) {
            return new Described(id, arn, newState, action, requested, expires, parties, resources);
        }

        private static List<String> resources(List<HandshakeResource> resources, String prefix) {
            List<String> flat = new ArrayList<>();
            for (HandshakeResource r : resources) {
                flat.add(prefix + r.typeAsString() + "=" + r.value());
                if (r.resources() != null) {
                    flat.addAll(resources(r.resources(), prefix + r.typeAsString() + "/"));
                }
            }
            return flat;
        }

        private static List<String> resources(JsonNode resources, String prefix) {
            List<String> flat = new ArrayList<>();
            for (JsonNode r : resources) {
                flat.add(prefix + r.get("Type").asText() + "=" + r.get("Value").asText());
                if (r.has("Resources")) {
                    flat.addAll(resources(r.get("Resources"), prefix + r.get("Type").asText() + "/"));
                }
            }
            return flat;
        }

        private static Instant epochSeconds(JsonNode seconds) {
            BigDecimal millis = seconds.decimalValue().movePointRight(3);
            return Instant.ofEpochMilli(millis.longValueExact());
        }
    }

    @BeforeAll
    void scriptAHistoryAndWaitForTheRetention() {
        http = new LedgerHttp(port);
        OrganizationsClient manager = client(management);
        organization = manager.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization().id();

        Handshake toAlice = invite(management, alice);
        Handshake acceptedByAlice = client(alice).acceptHandshake(r -> r.handshakeId(toAlice.id())).handshake();
        Handshake toBob = invite(management, bob);
        Handshake declinedByBob = client(bob).declineHandshake(r -> r.handshakeId(toBob.id())).handshake();
        Handshake toCarol = invite(management, carol);
        Handshake toDave = manager.inviteAccountToOrganization(r -> r.target(t -> t.id(LedgerActors.email(dave))
                .type(HandshakePartyType.EMAIL))).handshake();
        accepted = toAlice.id();
        declined = toBob.id();
        expired = toCarol.id();
        byEmail = toDave.id();

        // every handshake is deleted a few seconds after it settled or expired: then its whole history is written
        Map<String, List<JsonNode>> histories = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (String id : List.of(accepted, declined, expired, byEmail)) {
                histories.put(id, history(id));
            }
            return histories.values().stream().allMatch(records -> record(records, "HandshakeDeletedEvent") != null);
        });
        organizationCreated = organizationCreatedAt();

        handshakes.put(accepted, scripted(toAlice, acceptedByAlice, "HandshakeAcceptedEvent", histories));
        handshakes.put(declined, scripted(toBob, declinedByBob, "HandshakeDeclinedEvent", histories));
        handshakes.put(expired, scripted(toCarol, null, null, histories));
        handshakes.put(byEmail, scripted(toDave, null, null, histories));
    }

    @Test
    void aHandshakeIsDescribedAsItWasBeforeAndAfterItWasAccepted() {
        Scripted handshake = handshakes.get(accepted);

        // when
        JsonNode atCreation = describedAsOf(management, accepted, handshake.created().plus(MILLI));
        JsonNode beforeAcceptance = describedAsOf(management, accepted, handshake.settledAt().minus(MILLI));
        JsonNode afterAcceptance = describedAsOf(alice, accepted, handshake.settledAt().plus(MILLI));

        // then: exactly what the SDK was told then
        assertThat(Described.of(atCreation)).isEqualTo(handshake.invited());
        assertThat(Described.of(beforeAcceptance)).isEqualTo(handshake.invited());
        assertThat(Described.of(afterAcceptance)).isEqualTo(handshake.settled())
                .extracting(Described::state).isEqualTo("ACCEPTED");
        JsonNode body = http.get(management, handshakePath(accepted, handshake.created().plus(MILLI))).json();
        assertThat(body.fieldNames()).toIterable().containsExactly("Handshake");
        assertThat(body.get("Handshake").fieldNames()).toIterable().containsExactly("Id", "Arn", "Parties", "State",
                "RequestedTimestamp", "ExpirationTimestamp", "Action", "Resources");
    }

    @Test
    void aPendingHandshakePastItsExpiryIsExpiredThen() {
        Scripted handshake = handshakes.get(expired);

        // when: just after the expiry, whether or not the expiry's event had come yet
        JsonNode justExpired = describedAsOf(carol, expired, handshake.invited().expires().plus(MILLI));
        JsonNode justBefore = describedAsOf(carol, expired, handshake.invited().expires().minus(MILLI));

        // then
        assertThat(Described.of(justExpired)).isEqualTo(handshake.invited().inState("EXPIRED"));
        assertThat(Described.of(justBefore)).isEqualTo(handshake.invited());
    }

    @Test
    void beforeItsFirstEventAHandshakeDidNotExistYet() {
        Scripted handshake = handshakes.get(declined);

        // when
        RawSignedRequests.Response response = http.get(bob, handshakePath(declined, handshake.created().minus(MILLI)));

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorType()).isEqualTo("HandshakeNotFoundException");
        assertThat(message(response)).startsWith("Handshake " + declined + " did not exist yet at "
                + handshake.created().minus(MILLI) + "; it was created at ");
        Instant createdAt = Instant.parse(message(response).replaceAll(".*it was created at (\\S+)\\.$", "$1"));
        assertThat(createdAt).isBetween(handshake.created().minus(MILLI), handshake.created().plus(MILLI));
    }

    @Test
    void afterTheRetentionAHandshakeWasDeleted() {
        Scripted handshake = handshakes.get(accepted);

        // when
        RawSignedRequests.Response afterDeletion = http.get(AUDITOR,
                handshakePath(accepted, handshake.deletedAt().plus(MILLI)));
        RawSignedRequests.Response now = http.get(management, "/ledger/handshakes/" + accepted);
        RawSignedRequests.Response justBeforeTheRetentionEnded = http.get(management,
                handshakePath(accepted, handshake.hiddenFrom().minus(MILLI)));

        // then: deleted when the retention after the acceptance ended, as DescribeHandshake would have said
        for (RawSignedRequests.Response response : List.of(afterDeletion, now)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorType()).isEqualTo("HandshakeNotFoundException");
            assertThat(message(response)).startsWith("Handshake " + accepted + " was deleted at "
                    + handshake.hiddenFrom() + ", when its retention ended");
        }
        assertThat(justBeforeTheRetentionEnded.status()).isEqualTo(200);
        assertThat(Described.of(justBeforeTheRetentionEnded.json().get("Handshake")))
                .isEqualTo(handshake.settled());
    }

    @Test
    void theConsolesTimelineShowsWhatTheLedgerDidByItselfAndTheHandshakeAsItWasBeforeItsDeletion() {
        // given
        Scripted handshake = handshakes.get(expired);
        ConsoleSession console = new ConsoleSession(endpoint());
        console.signIn(LedgerActors.accessKeyId(management), LedgerActors.secret(management));

        // when
        String page = console.get("/console/handshakes/" + expired).body();
        String before = console.get("/console/handshakes/" + expired + "/as-of?at="
                + handshake.created().plus(MILLI)).body();

        // then: the expiry and the deletion are marks of the ledger's own, and the handshake reads as deleted now
        assertThat(page).contains("ExpireHandshake").contains("DeleteHandshake").contains("done by the ledger itself")
                .contains("Deleted by the retention at").contains("InviteAccountToOrganization");
        assertThat(before).contains("state-OPEN").doesNotContain("Deleted by the retention");
    }

    @Test
    void aCallerWhoMayNotSeeTheHandshakeGetsTheAnswerOfAnUnknownId() {
        Scripted handshake = handshakes.get(accepted);
        String unknown = "h-" + "0".repeat(32);
        Instant during = handshake.settledAt().plus(MILLI);

        // when
        RawSignedRequests.Response unknownId = http.get(stranger, handshakePath(unknown, during));
        List<RawSignedRequests.Response> notTheirs = List.of(
                http.get(stranger, handshakePath(accepted, during)),
                http.get(stranger, handshakePath(accepted, handshake.created().minus(MILLI))),
                http.get(stranger, handshakePath(accepted, handshake.deletedAt().plus(MILLI))),
                // the recipient of another invitation of the same organization
                http.get(bob, handshakePath(accepted, during)));

        // then
        assertThat(unknownId.status()).isEqualTo(404);
        for (RawSignedRequests.Response response : notTheirs) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().replace(accepted, unknown)).isEqualTo(unknownId.body());
        }
        assertThat(message(unknownId)).isEqualTo(
                "We can't find a handshake with the HandshakeId that you specified: " + unknown + ".");
    }

    @Test
    void theRecipientByEmailTheManagementAccountAndTheAuditorSeeTheHandshake() {
        Scripted handshake = handshakes.get(byEmail);
        Instant during = handshake.created().plus(MILLI);

        // when / then
        for (String caller : List.of(dave, management, AUDITOR)) {
            assertThat(Described.of(describedAsOf(caller, byEmail, during))).as(caller).isEqualTo(handshake.invited());
        }
    }

    @Test
    void theOrganizationsHandshakesAreListedAsTheyWereAtEveryChange() {
        // every instant at which the list changed, and a moment before and after each
        TreeSet<Instant> instants = new TreeSet<>();
        instants.add(organizationCreated.plus(MILLI));
        for (Scripted handshake : handshakes.values()) {
            for (Instant change : changes(handshake)) {
                instants.add(change.minus(MILLI));
                instants.add(change.plus(MILLI));
            }
        }

        int longest = 0;
        for (Instant at : instants) {
            // when
            List<JsonNode> listed = listAll(management, at, null);

            // then
            List<String> expected = expectedList(at);
            assertThat(ids(listed)).as("as of %s", at).containsExactlyElementsOf(expected);
            for (JsonNode handshake : listed) {
                String id = handshake.get("Id").asText();
                Scripted scripted = handshakes.get(id);
                assertThat(Described.of(handshake)).as("%s as of %s", id, at).isEqualTo(
                        scripted.invited().inState(scripted.stateAt(at).orElseThrow()));
            }
            longest = Math.max(longest, expected.size());
        }
        assertThat(longest).as("the most handshakes listed at once").isGreaterThanOrEqualTo(3);
        assertThat(listAll(management, organizationCreated.minus(MILLI), null)).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithTheCursor() {
        Instant at = busiestInstant();
        List<String> expected = expectedList(at);

        // when
        List<List<String>> pages = new ArrayList<>();
        String after = null;
        do {
            RawSignedRequests.Response page = http.get(AUDITOR, listPath(at, "&limit=2"
                    + (after == null ? "" : "&after=" + after)));
            assertThat(page.status()).isEqualTo(200);
            pages.add(ids(elements(page.json().get("Handshakes"))));
            after = page.header(NEXT_AFTER).orElse(null);
        } while (after != null && pages.size() < 10);

        // then
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(expected);
        assertThat(pages).hasSize((expected.size() + 1) / 2);
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> assertThat(page).hasSize(2));
    }

    @Test
    void theActionTypeFilterKeepsThatActionOnly() {
        Instant at = busiestInstant();

        // when
        List<String> invitations = ids(listAll(management, at, "INVITE"));
        List<String> enableAllFeatures = ids(listAll(management, at, "ENABLE_ALL_FEATURES"));

        // then
        assertThat(invitations).isEqualTo(expectedList(at)).isNotEmpty();
        assertThat(enableAllFeatures).isEmpty();
    }

    @Test
    void onlyAnAuditorOrTheManagementAccountMayListAnOrganization() {
        Instant at = busiestInstant();
        String unknown = "o-zzzzzzzzzz";

        // when
        RawSignedRequests.Response byAuditor = http.get(AUDITOR, listPath(at, ""));
        RawSignedRequests.Response unknownOrganization = http.get(management,
                "/ledger/organizations/" + unknown + "/handshakes");
        RawSignedRequests.Response byMember = http.get(alice, listPath(at, ""));
        RawSignedRequests.Response byStranger = http.get(stranger, listPath(at, ""));
        RawSignedRequests.Response unknownToTheAuditor = http.get(AUDITOR,
                "/ledger/organizations/" + unknown + "/handshakes");

        // then
        assertThat(ids(elements(byAuditor.json().get("Handshakes")))).isEqualTo(expectedList(at));
        assertThat(unknownOrganization.status()).isEqualTo(404);
        assertThat(unknownOrganization.errorType()).isEqualTo("OrganizationNotFoundException");
        for (RawSignedRequests.Response refused : List.of(byMember, byStranger, unknownToTheAuditor)) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.body().replace(organization, unknown)).isEqualTo(unknownOrganization.body());
        }
    }

    @Test
    void withoutAsOfTheAnswerIsAsOfNow() {
        String otherManagement = LedgerActors.next();
        String recipient = LedgerActors.next();
        String otherOrganization = createOrganization(otherManagement, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(otherManagement, recipient);

        // when
        RawSignedRequests.Response described = http.get(recipient, "/ledger/handshakes/" + invitation.id());
        Handshake byTheSdk = client(recipient).describeHandshake(r -> r.handshakeId(invitation.id())).handshake();
        // the list comes from the audit trail, written a moment after the invitation
        List<String> listed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RawSignedRequests.Response list = http.get(otherManagement,
                    "/ledger/organizations/" + otherOrganization + "/handshakes");
            listed.clear();
            listed.addAll(ids(elements(list.json().get("Handshakes"))));
            assertThat(listed).isNotEmpty();
        });

        // then
        assertThat(described.status()).isEqualTo(200);
        assertThat(Described.of(described.json().get("Handshake"))).isEqualTo(Described.of(byTheSdk));
        assertThat(listed).containsExactly(invitation.id());
    }

    @Test
    void instantsMayHaveFractionsOffsetsOrBeDates() {
        Scripted handshake = handshakes.get(accepted);
        Instant afterAcceptance = handshake.settledAt().plusNanos(1_500_000);
        String withOffset = afterAcceptance.atOffset(ZoneOffset.ofHours(2)).toString();

        // when
        JsonNode fraction = describedAsOf(alice, accepted, afterAcceptance);
        RawSignedRequests.Response offset = http.get(alice, "/ledger/handshakes/" + accepted + "?asOf="
                + URLEncoder.encode(withOffset, StandardCharsets.UTF_8));
        RawSignedRequests.Response date = http.get(alice, "/ledger/handshakes/" + accepted + "?asOf=2000-01-01");

        // then
        assertThat(Described.of(fraction)).isEqualTo(handshake.settled());
        assertThat(offset.status()).isEqualTo(200);
        assertThat(Described.of(offset.json().get("Handshake"))).isEqualTo(handshake.settled());
        assertThat(date.status()).isEqualTo(404);
        assertThat(message(date)).startsWith("Handshake " + accepted + " did not exist yet at 2000-01-01T00:00:00Z");
    }

    @Test
    void badParametersAreRefusedByName() {
        String handshake = "/ledger/handshakes/" + accepted;
        String list = "/ledger/organizations/" + organization + "/handshakes";
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(handshake + "?asOf=yesterday", "asOf");
        refusals.put(handshake + "?asOf=2999-01-01T00:00:00Z", "asOf");
        refusals.put(handshake + "?at=2025-01-01", "at");
        refusals.put("/ledger/handshakes/not-a-handshake?asOf=2025-01-01", "id");
        refusals.put(list + "?asOf=2025-13-01", "asOf");
        refusals.put(list + "?limit=0", "limit");
        refusals.put(list + "?limit=1001", "limit");
        refusals.put(list + "?limit=many", "limit");
        refusals.put(list + "?after=bm90LWEtY3Vyc29y", "after");
        refusals.put(list + "?after=%25%25", "after");
        refusals.put(list + "?actionType=INVITATION", "actionType");
        refusals.put("/ledger/organizations/o-NOT-VALID/handshakes", "id");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            // when
            RawSignedRequests.Response response = http.get(management, refusal.getKey());

            // then
            assertThat(response.status()).as(refusal.getKey()).isEqualTo(400);
            assertThat(response.errorType()).as(refusal.getKey()).isEqualTo("InvalidInputException");
            assertThat(message(response)).as(refusal.getKey())
                    .startsWith("Invalid parameter '" + refusal.getValue() + "'");
        }
    }

    @Test
    void anUnsignedRequestIsUnauthorized() {
        for (String path : List.of("/ledger/handshakes/" + accepted + "?asOf=2025-01-01",
                "/ledger/organizations/" + organization + "/handshakes")) {
            // when
            RawSignedRequests.Response response = http.unsigned("GET", path);

            // then
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.errorType()).as(path).isEqualTo("MissingAuthenticationTokenException");
        }
    }

    @Test
    void otherMethodsAreNotAllowed() {
        // when
        RawSignedRequests.Response response = http.send("DELETE", LedgerActors.accessKeyId(management),
                LedgerActors.secret(management), "/ledger/handshakes/" + accepted);

        // then
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.errorType()).isEqualTo("MethodNotAllowedException");
    }

    /** The handshakes ListHandshakesForOrganization showed at {@code at}, in its order. */
    private List<String> expectedList(Instant at) {
        return handshakes.values().stream()
                .filter(h -> h.stateAt(at).isPresent())
                .sorted(Comparator.comparing((Scripted h) -> h.invited().requested()).reversed()
                        .thenComparing(Scripted::id))
                .map(Scripted::id)
                .toList();
    }

    private Instant busiestInstant() {
        return handshakes.values().stream()
                .flatMap(h -> changes(h).stream().map(c -> c.plus(MILLI)))
                .max(Comparator.comparing((Instant at) -> expectedList(at).size())
                        .thenComparing(Function.identity()))
                .orElseThrow();
    }

    private static List<Instant> changes(Scripted handshake) {
        List<Instant> changes = new ArrayList<>(List.of(handshake.created(), handshake.invited().expires(),
                handshake.hiddenFrom(), handshake.deletedAt()));
        if (handshake.settledAt() != null) {
            changes.add(handshake.settledAt());
        }
        return changes;
    }

    private List<JsonNode> listAll(String caller, Instant at, String actionType) {
        RawSignedRequests.Response response = http.get(caller, listPath(at,
                actionType == null ? "" : "&actionType=" + actionType));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header(NEXT_AFTER)).isEmpty();
        return elements(response.json().get("Handshakes"));
    }

    private String listPath(Instant at, String more) {
        return "/ledger/organizations/" + organization + "/handshakes?asOf=" + at + more;
    }

    private static String handshakePath(String id, Instant at) {
        return "/ledger/handshakes/" + id + "?asOf=" + at;
    }

    private JsonNode describedAsOf(String caller, String id, Instant at) {
        RawSignedRequests.Response response = http.get(caller, handshakePath(id, at));
        assertThat(response.status()).as("%s as of %s: %s", id, at, response.body()).isEqualTo(200);
        return response.json().get("Handshake");
    }

    private Scripted scripted(Handshake invited, Handshake settled, String settledBy,
                              Map<String, List<JsonNode>> histories) {
        List<JsonNode> records = histories.get(invited.id());
        Instant created = eventTime(record(records, "AccountInvitedEvent"));
        Instant deleted = eventTime(record(records, "HandshakeDeletedEvent"));
        if (settled == null) {
            return new Scripted(invited.id(), Described.of(invited), null, created, null, deleted,
                    invited.expirationTimestamp().plus(RETENTION));
        }
        JsonNode settle = record(records, settledBy);
        // the retention counts from the settling request's time, which the handshake carries
        Instant settledAtRequest = Instant.parse(settle.get("requestTime").asText());
        return new Scripted(invited.id(), Described.of(invited), Described.of(settled), created, eventTime(settle),
                deleted, settledAtRequest.plus(RETENTION));
    }

    private Instant organizationCreatedAt() {
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit?organizationId=" + organization
                + "&limit=1");
        return eventTime(LedgerHttp.jsonLines(response.body()).get(0));
    }

    private List<JsonNode> history(String id) {
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/handshakes/" + id + "/history");
        return response.status() == 200 ? elements(response.json()) : List.of();
    }

    private static JsonNode record(List<JsonNode> records, String eventType) {
        return records.stream().filter(r -> eventType.equals(r.get("eventType").asText())).findFirst().orElse(null);
    }

    private static Instant eventTime(JsonNode record) {
        return Instant.parse(record.get("eventTime").asText());
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static List<String> ids(List<JsonNode> handshakes) {
        return handshakes.stream().map(h -> h.get("Id").asText()).toList();
    }

    private static String message(RawSignedRequests.Response response) {
        return response.json().get("Message").asText();
    }
}
