package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeFilter;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeParty;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;
import software.amazon.awssdk.services.organizations.model.HandshakeResourceType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.InviteAccountToOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * Spec §9 cases 51–60 (§2, §3.9, §3.10), through the Java SDK, which sends whatever it is given: every member of
 * every operation is checked at each boundary (below and at its minimum, at and above its maximum, its pattern, its
 * enum), each refusal with the exact error and Reason, and in the order of §3.10 (required, length, pattern, enum,
 * then meaning). Lengths are Unicode characters: an emoji counts once.
 */
class InputValidationIT extends HandshakeITSupport {
    private static final String OK = "OK";
    private static final String EMOJI = "\uD83D\uDE00";
    /** U+1D400 MATHEMATICAL BOLD CAPITAL A: a letter (\p{L}) outside the Basic Multilingual Plane. */
    private static final String ASTRAL_LETTER = "\uD835\uDC00";
    /** U+20000, a CJK ideograph (\p{L}) outside the Basic Multilingual Plane. */
    private static final String ASTRAL_IDEOGRAPH = "\uD840\uDC00";

    /** The operations that take a HandshakeId. */
    enum HandshakeCall {
        DESCRIBE, ACCEPT, DECLINE, CANCEL;

        Handshake call(OrganizationsClient client, String handshakeId) {
            return switch (this) {
                case DESCRIBE -> client.describeHandshake(r -> r.handshakeId(handshakeId)).handshake();
                case ACCEPT -> client.acceptHandshake(r -> r.handshakeId(handshakeId)).handshake();
                case DECLINE -> client.declineHandshake(r -> r.handshakeId(handshakeId)).handshake();
                case CANCEL -> client.cancelHandshake(r -> r.handshakeId(handshakeId)).handshake();
            };
        }
    }

    /** The two List operations, asked with the same paging and filter members. */
    enum ListCall {
        FOR_ACCOUNT, FOR_ORGANIZATION;

        List<Handshake> call(OrganizationsClient client, HandshakeFilter filter, Integer maxResults,
                             String nextToken) {
            return switch (this) {
                case FOR_ACCOUNT -> client.listHandshakesForAccount(r -> r.filter(filter).maxResults(maxResults)
                        .nextToken(nextToken)).handshakes();
                case FOR_ORGANIZATION -> client.listHandshakesForOrganization(r -> r.filter(filter)
                        .maxResults(maxResults).nextToken(nextToken)).handshakes();
            };
        }
    }

    private String m;
    private String a;
    private Handshake invitation;

    @BeforeEach
    void managementAccountWithAnOpenInvitation() {
        m = fresh();
        a = fresh();
        consolidatedBillingOrganization(m);
        invitation = inviteAccount(m, a);
    }

    @ParameterizedTest
    @EnumSource(HandshakeCall.class)
    void rejectsAnIdThatIsNotAHandshakeIdAsInvalidPattern(HandshakeCall operation) {
        // given
        String id = "bad";

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class, () -> operation.call(as(m), id));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_PATTERN");
    }

    @ParameterizedTest
    @EnumSource(HandshakeCall.class)
    void rejectsAnUpperCaseHandshakeIdAsInvalidPattern(HandshakeCall operation) {
        // given
        String id = "h-ABCDEFGH";

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class, () -> operation.call(as(m), id));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_PATTERN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h-short", "x-12345678", "h-1234567", "h-12345678-", " h-12345678", "h-1234_5678"})
    void rejectsOtherMalformedHandshakeIdsAsInvalidPattern(String id) {
        // given
        OrganizationsClient client = as(m);

        // when
        List<InvalidInputException> failures = Arrays.stream(HandshakeCall.values())
                .map(operation -> failureOf(InvalidInputException.class, () -> operation.call(client, id)))
                .toList();

        // then
        assertThat(failures).extracting(InvalidInputException::reasonAsString).containsOnly("INVALID_PATTERN");
    }

    @ParameterizedTest
    @EnumSource(HandshakeCall.class)
    void rejectsAHandshakeIdLongerThanThirtyFourCharactersAsMaxLengthExceeded(HandshakeCall operation) {
        // given
        String id = "h-" + "0".repeat(40);

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class, () -> operation.call(as(m), id));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("MAX_LENGTH_EXCEEDED");
    }

    @ParameterizedTest
    @EnumSource(HandshakeCall.class)
    void reportsAWellFormedButUnknownHandshakeIdAsNotFound(HandshakeCall operation) {
        // given
        String id = "h-0000000000000000";

        // when
        HandshakeNotFoundException notFound = failureOf(HandshakeNotFoundException.class,
                () -> operation.call(as(m), id));

        // then
        assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("HandshakeNotFoundException");
    }

    @ParameterizedTest
    @EnumSource(HandshakeCall.class)
    void requiresTheHandshakeId(HandshakeCall operation) {
        // given
        String id = null;

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class, () -> operation.call(as(m), id));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INPUT_REQUIRED");
    }

    @Test
    void invalidHandshakeIdsLeaveTheInvitationUntouched() {
        // given
        String almost = invitation.id().toUpperCase(Locale.ROOT);

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> HandshakeCall.ACCEPT.call(as(a), almost));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_PATTERN");
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void rejectsMoreThanTwentyResultsAsMaxValueExceeded(ListCall list) {
        // given
        int maxResults = 21;

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> list.call(as(m), null, maxResults, null));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("MAX_VALUE_EXCEEDED");
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void rejectsZeroResultsAsMinValueExceeded(ListCall list) {
        // given
        int maxResults = 0;

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> list.call(as(m), null, maxResults, null));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("MIN_VALUE_EXCEEDED");
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void acceptsTheBoundariesOfMaxResults(ListCall list) {
        // given
        OrganizationsClient client = as(m);

        // when
        List<Handshake> one = list.call(client, null, 1, null);
        List<Handshake> twenty = list.call(client, null, 20, null);

        // then
        assertThat(one).hasSizeLessThanOrEqualTo(1);
        assertThat(twenty).hasSizeLessThanOrEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void rejectsAGarbageNextTokenAsInvalidNextToken(ListCall list) {
        // given
        String token = "garbage";

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> list.call(as(m), null, null, token));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_NEXT_TOKEN");
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void rejectsBothFiltersAtOnceAsMaxLimitExceededFilter(ListCall list) {
        // given
        HandshakeFilter both = HandshakeFilter.builder().actionType(ActionType.INVITE)
                .parentHandshakeId("h-12345678").build();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> list.call(as(m), both, null, null));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("MAX_LIMIT_EXCEEDED_FILTER");
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void rejectsAnUnknownActionTypeAsInvalidEnum(ListCall list) {
        // given
        HandshakeFilter unknown = HandshakeFilter.builder().actionType("FOO").build();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> list.call(as(m), unknown, null, null));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_ENUM");
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void rejectsAMalformedParentHandshakeIdAsInvalidPattern(ListCall list) {
        // given
        HandshakeFilter malformed = HandshakeFilter.builder().parentHandshakeId("nope").build();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> list.call(as(m), malformed, null, null));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_PATTERN");
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void treatsAnEmptyFilterAsNoFilter(ListCall list) {
        // given
        String caller = list == ListCall.FOR_ACCOUNT ? a : m;

        // when
        List<Handshake> filtered = list.call(as(caller), HandshakeFilter.builder().build(), null, null);

        // then
        assertThat(filtered).extracting(Handshake::id).containsExactly(invitation.id());
    }

    @ParameterizedTest
    @EnumSource(ListCall.class)
    void answersAnUnknownButWellFormedParentWithAnEmptyList(ListCall list) {
        // given
        String caller = list == ListCall.FOR_ACCOUNT ? a : m;
        HandshakeFilter unknownParent = HandshakeFilter.builder().parentHandshakeId("h-0000000000000000").build();

        // when
        List<Handshake> children = list.call(as(caller), unknownParent, null, null);

        // then
        assertThat(children).isEmpty();
    }

    /** OK, or the error code and, where the error has one, its Reason: {@code InvalidInputException/INVALID_ENUM}. */
    static String outcomeOf(ThrowingCallable call) {
        Throwable failure = catchThrowable(call);
        if (failure == null) {
            return OK;
        }
        assertThat(failure).isInstanceOf(OrganizationsException.class);
        OrganizationsException error = (OrganizationsException) failure;
        assertThat(error.statusCode()).as("HTTP status of %s", error.awsErrorDetails().errorCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).isNotBlank();
        JsonNode reason = RawSignedRequests.readJson(error.awsErrorDetails().rawResponse().asUtf8String())
                .path("Reason");
        return error.awsErrorDetails().errorCode() + (reason.isMissingNode() ? "" : "/" + reason.asText());
    }

    private static String invalid(String reason) {
        return "InvalidInputException/" + reason;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invitations")
    void invitationMembersAreCheckedAtEveryBoundary(String description,
                                                    Consumer<InviteAccountToOrganizationRequest.Builder> change,
                                                    String expected) {
        // given
        InviteAccountToOrganizationRequest.Builder builder = InviteAccountToOrganizationRequest.builder()
                .target(t -> t.id(fresh()).type(HandshakePartyType.ACCOUNT));
        change.accept(builder);
        InviteAccountToOrganizationRequest request = builder.build();
        Handshake[] created = new Handshake[1];

        // when
        String outcome = outcomeOf(() -> created[0] = as(m).inviteAccountToOrganization(request).handshake());

        // then
        assertThat(outcome).isEqualTo(expected);
        if (OK.equals(expected)) {
            assertThat(created[0].state()).isEqualTo(HandshakeState.OPEN);
            assertThat(created[0].parties()).extracting(HandshakeParty::id).contains(request.target().id());
            if (request.notes() != null && !request.notes().isEmpty()) {
                assertThat(describe(m, created[0].id()).resources())
                        .filteredOn(resource -> resource.type() == HandshakeResourceType.NOTES)
                        .extracting(HandshakeResource::value).containsExactly(request.notes());
            }
        } else {
            assertThat(sentBy(m)).extracting(Handshake::id).containsExactly(invitation.id());
        }
    }

    static Stream<Arguments> invitations() {
        String email64 = "a".repeat(52) + "@example.com";
        return Stream.of(
                // Target (HandshakeParty): Id 1..64, Type ACCOUNT|ORGANIZATION|EMAIL, then what they mean
                inviteCase("Target absent", r -> r.target((HandshakeParty) null), invalid("INPUT_REQUIRED")),
                inviteCase("Target.Id absent", r -> r.target(t -> t.type(HandshakePartyType.EMAIL)),
                        invalid("INPUT_REQUIRED")),
                inviteCase("Target.Type absent", r -> r.target(t -> t.id(email64)), invalid("INPUT_REQUIRED")),
                inviteCase("Target.Id empty, below the minimum of 1",
                        r -> r.target(t -> t.id("").type(HandshakePartyType.EMAIL)), invalid("MIN_LENGTH_EXCEEDED")),
                inviteCase("Target.Id of 1 character, at the minimum, not 12 digits",
                        r -> r.target(t -> t.id("1").type(HandshakePartyType.ACCOUNT)), invalid("INVALID_PATTERN")),
                inviteCase("Target.Id of 64 characters, at the maximum",
                        r -> r.target(t -> t.id(email64).type(HandshakePartyType.EMAIL)), OK),
                inviteCase("Target.Id of 64 characters, 52 of them emoji",
                        r -> r.target(t -> t.id(EMOJI.repeat(52) + "@example.com").type(HandshakePartyType.EMAIL)),
                        OK),
                inviteCase("Target.Id of 65 characters, above the maximum",
                        r -> r.target(t -> t.id("a" + email64).type(HandshakePartyType.EMAIL)),
                        invalid("MAX_LENGTH_EXCEEDED")),
                inviteCase("Target.Type outside the enum", r -> r.target(t -> t.id(email64).type("FOO")),
                        invalid("INVALID_ENUM")),
                inviteCase("Target.Type in lower case", r -> r.target(t -> t.id(email64).type("email")),
                        invalid("INVALID_ENUM")),
                inviteCase("Target.Type ORGANIZATION",
                        r -> r.target(t -> t.id("o-abcdefghij").type(HandshakePartyType.ORGANIZATION)),
                        invalid("INVALID_PARTY_TYPE_TARGET")),
                inviteCase("ACCOUNT Target.Id of 11 digits",
                        r -> r.target(t -> t.id("12345678901").type(HandshakePartyType.ACCOUNT)),
                        invalid("INVALID_PATTERN")),
                inviteCase("ACCOUNT Target.Id of 13 digits",
                        r -> r.target(t -> t.id("1234567890123").type(HandshakePartyType.ACCOUNT)),
                        invalid("INVALID_PATTERN")),
                inviteCase("ACCOUNT Target.Id of 12 Arabic-Indic digits",
                        r -> r.target(t -> t.id("\u0661".repeat(12)).type(HandshakePartyType.ACCOUNT)),
                        invalid("INVALID_PATTERN")),
                inviteCase("EMAIL Target.Id of 6 characters, the shortest address",
                        r -> r.target(t -> t.id("a@b.co").type(HandshakePartyType.EMAIL)), OK),
                inviteCase("EMAIL Target.Id of 5 characters",
                        r -> r.target(t -> t.id("a@b.c").type(HandshakePartyType.EMAIL)),
                        invalid("INVALID_EMAIL_ADDRESS_TARGET")),
                inviteCase("EMAIL Target.Id without @",
                        r -> r.target(t -> t.id("someone.example.com").type(HandshakePartyType.EMAIL)),
                        invalid("INVALID_EMAIL_ADDRESS_TARGET")),
                inviteCase("EMAIL Target.Id with markup",
                        r -> r.target(t -> t.id("<script>@example.com").type(HandshakePartyType.EMAIL)),
                        invalid("INVALID_EMAIL_ADDRESS_TARGET")),
                inviteCase("EMAIL Target.Id with a NUL character",
                        r -> r.target(t -> t.id("a\u0000b@example.com").type(HandshakePartyType.EMAIL)),
                        invalid("INVALID_EMAIL_ADDRESS_TARGET")),

                // Notes: at most 1024 characters, screened for active content
                inviteCase("Notes empty", r -> r.notes(""), OK),
                inviteCase("Notes of 1024 characters, at the maximum", r -> r.notes("n".repeat(1024)), OK),
                inviteCase("Notes of 1024 emoji, at the maximum", r -> r.notes(EMOJI.repeat(1024)), OK),
                inviteCase("Notes of 1025 characters, above the maximum", r -> r.notes("n".repeat(1025)),
                        invalid("MAX_LENGTH_EXCEEDED")),
                inviteCase("Notes of 1025 emoji, above the maximum", r -> r.notes(EMOJI.repeat(1025)),
                        invalid("MAX_LENGTH_EXCEEDED")),
                inviteCase("Notes of prose with < and > and an address",
                        r -> r.notes("Since a < b and 5 > 3, write to jane.doe+org@example.com <3"), OK),
                inviteCase("Notes with a script element", r -> r.notes("<script>alert(1)</script>"),
                        invalid("INVALID_PATTERN")),
                inviteCase("Notes with an HTML comment", r -> r.notes("hi <!-- there -->"), invalid("INVALID_PATTERN")),
                inviteCase("Notes with a javascript: URL", r -> r.notes("JaVaScRiPt:alert(1)"),
                        invalid("INVALID_PATTERN")),
                inviteCase("Notes breaking out of an attribute", r -> r.notes("\" onmouseover=\"alert(1)"),
                        invalid("INVALID_PATTERN")),
                inviteCase("Notes with a NUL character", r -> r.notes("a\u0000b"), invalid("INVALID_PATTERN")),

                // Tags: Key 1..128 and Value 0..256, both required, both ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$
                inviteCase("tag without Key", r -> r.tags(Tag.builder().value("v").build()),
                        invalid("INPUT_REQUIRED")),
                inviteCase("tag without Value", r -> r.tags(Tag.builder().key("k").build()),
                        invalid("INPUT_REQUIRED")),
                inviteCase("tag Key empty, below the minimum of 1", r -> r.tags(tag("", "v")),
                        invalid("MIN_LENGTH_EXCEEDED")),
                inviteCase("tag Key of 1 character, at the minimum", r -> r.tags(tag("k", "v")), OK),
                inviteCase("tag Key of 128 characters, at the maximum", r -> r.tags(tag("k".repeat(128), "v")), OK),
                inviteCase("tag Key of 128 letters outside the BMP, at the maximum",
                        r -> r.tags(tag(ASTRAL_LETTER.repeat(128), "v")), OK),
                inviteCase("tag Key of 129 characters, above the maximum", r -> r.tags(tag("k".repeat(129), "v")),
                        invalid("MAX_LENGTH_EXCEEDED")),
                inviteCase("tag Value empty, at the minimum of 0", r -> r.tags(tag("k", "")), OK),
                inviteCase("tag Value of 256 characters, at the maximum", r -> r.tags(tag("k", "v".repeat(256))), OK),
                inviteCase("tag Value of 256 ideographs outside the BMP, at the maximum",
                        r -> r.tags(tag("k", ASTRAL_IDEOGRAPH.repeat(256))), OK),
                inviteCase("tag Value of 257 characters, above the maximum",
                        r -> r.tags(tag("k", "v".repeat(257))), invalid("MAX_LENGTH_EXCEEDED")),
                inviteCase("tag Key with #", r -> r.tags(tag("bad#key", "v")), invalid("INVALID_PATTERN")),
                inviteCase("tag Value with < and >", r -> r.tags(tag("k", "bad<value>")), invalid("INVALID_PATTERN")),
                inviteCase("tag Key with a tab", r -> r.tags(tag("a\tb", "v")), invalid("INVALID_PATTERN")),
                inviteCase("tag Value with an emoji (a symbol, not a letter)", r -> r.tags(tag("k", EMOJI)),
                        invalid("INVALID_PATTERN")),
                inviteCase("tag of letters, numbers and separators of other scripts",
                        r -> r.tags(tag("Größe", "部署"), tag("cost\u00a0center", "٣ ٤"), tag("x", "_.:/=+-@")),
                        OK),
                inviteCase("tag Key in the aws: namespace", r -> r.tags(tag("aws:owner", "v")),
                        invalid("INVALID_SYSTEM_TAGS_PARAMETER")),
                inviteCase("tag Key in the AWS: namespace", r -> r.tags(tag("AWS:owner", "v")),
                        invalid("INVALID_SYSTEM_TAGS_PARAMETER")),
                inviteCase("two tags with one Key", r -> r.tags(tag("k", "v"), tag("k", "w")),
                        invalid("DUPLICATE_TAG_KEY")),
                inviteCase("50 tags, at the maximum", r -> r.tags(tags(50)), OK),
                inviteCase("51 tags, above the maximum", r -> r.tags(tags(51)),
                        "ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED"),

                // §3.10: required, then length, then pattern, then enum, then meaning, over all members
                inviteCase("required before length: no Target.Type, Notes too long",
                        r -> r.target(t -> t.id(email64)).notes("n".repeat(1025)), invalid("INPUT_REQUIRED")),
                inviteCase("length before pattern: tag Key with #, Notes too long",
                        r -> r.notes("n".repeat(1025)).tags(tag("bad#key", "v")), invalid("MAX_LENGTH_EXCEEDED")),
                inviteCase("pattern before enum: Target.Type FOO, Notes with markup",
                        r -> r.target(t -> t.id(email64).type("FOO")).notes("<b>hi</b>"), invalid("INVALID_PATTERN")),
                inviteCase("enum before meaning: Target.Type FOO, duplicate tag keys",
                        r -> r.target(t -> t.id(email64).type("FOO")).tags(tag("k", "v"), tag("k", "w")),
                        invalid("INVALID_ENUM")),
                inviteCase("length before meaning: ORGANIZATION target, Notes too long",
                        r -> r.target(t -> t.id("o-abcdefghij").type(HandshakePartyType.ORGANIZATION))
                                .notes("n".repeat(1025)), invalid("MAX_LENGTH_EXCEEDED")));
    }

    @Test
    void tagsOfOtherScriptsAndOutsideTheBmpReachTheAccountIntact() {
        // given
        String management = fresh();
        String account = fresh();
        consolidatedBillingOrganization(management);
        List<Tag> tags = List.of(tag("Größe", "部署"), tag("cost\u00a0center", ""),
                tag(ASTRAL_LETTER.repeat(128), ASTRAL_IDEOGRAPH.repeat(256)));
        Handshake invited = inviteAccount(management, account, tags.toArray(Tag[]::new));

        // when
        accept(account, invited.id());

        // then
        assertThat(as(management).listTagsForResource(r -> r.resourceId(account)).tags())
                .containsExactlyInAnyOrderElementsOf(tags);
    }

    @ParameterizedTest(name = "FeatureSet \"{0}\"")
    @ValueSource(strings = {"ALL", "CONSOLIDATED_BILLING", "FOO", "all", ""})
    void createOrganizationTakesOnlyTheFeatureSetsOfTheEnum(String featureSet) {
        // given
        String standalone = fresh();

        // when
        String outcome = outcomeOf(() -> as(standalone).createOrganization(r -> r.featureSet(featureSet)));

        // then
        assertThat(outcome).isEqualTo(featureSet.equals("ALL") || featureSet.equals("CONSOLIDATED_BILLING") ? OK
                : invalid("INVALID_ENUM"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accountIdsToRemove")
    void removeAccountFromOrganizationChecksTheAccountId(String description, String accountId, String expected) {
        // when
        String outcome = outcomeOf(() -> as(m).removeAccountFromOrganization(r -> r.accountId(accountId)));

        // then
        assertThat(outcome).isEqualTo(expected);
    }

    static Stream<Arguments> accountIdsToRemove() {
        return Stream.of(
                Arguments.of("absent", null, invalid("INPUT_REQUIRED")),
                Arguments.of("13 digits, above the maximum of 12", "1234567890123", invalid("MAX_LENGTH_EXCEEDED")),
                Arguments.of("11 digits", "12345678901", invalid("INVALID_PATTERN")),
                Arguments.of("12 characters, not all digits", "12345678901a", invalid("INVALID_PATTERN")),
                Arguments.of("empty", "", invalid("INVALID_PATTERN")),
                Arguments.of("12 digits of no member", "999999999999", "AccountNotFoundException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tagResources")
    void listTagsForResourceChecksTheResourceIdAndNextToken(String description, String resourceId, String nextToken,
                                                            String expected) {
        // given
        String member = fresh();
        accept(member, inviteAccount(m, member).id());
        String id = "MEMBER".equals(resourceId) ? member : resourceId;

        // when
        String outcome = outcomeOf(() -> as(m).listTagsForResource(r -> r.resourceId(id).nextToken(nextToken)));

        // then
        assertThat(outcome).isEqualTo(expected);
    }

    static Stream<Arguments> tagResources() {
        return Stream.of(
                Arguments.of("ResourceId absent", null, null, invalid("INPUT_REQUIRED")),
                Arguments.of("ResourceId of 131 characters, above the maximum of 130", "p-" + "a".repeat(129), null,
                        invalid("MAX_LENGTH_EXCEEDED")),
                Arguments.of("ResourceId of 130 characters, at the maximum", "p-" + "a".repeat(128), null,
                        "TargetNotFoundException"),
                Arguments.of("ResourceId of no resource kind", "bad", null, invalid("INVALID_PATTERN")),
                Arguments.of("ResourceId of a root", "r-abcd", null, "TargetNotFoundException"),
                Arguments.of("ResourceId of an OU", "ou-abcd-12345678", null, "TargetNotFoundException"),
                Arguments.of("ResourceId of an account outside the organization", "999999999999", null,
                        "TargetNotFoundException"),
                Arguments.of("ResourceId of a member", "MEMBER", null, OK),
                Arguments.of("a NextToken, though none was handed out", "MEMBER", "x", invalid("INVALID_NEXT_TOKEN")),
                Arguments.of("NextToken of 100001 characters, above the maximum", "MEMBER", "x".repeat(100_001),
                        invalid("MAX_LENGTH_EXCEEDED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accountPages")
    void listAccountsChecksMaxResultsAndNextToken(String description, Integer maxResults, String nextToken,
                                                  String expected) {
        // when
        String outcome = outcomeOf(() -> as(m).listAccounts(r -> r.maxResults(maxResults).nextToken(nextToken)));

        // then
        assertThat(outcome).isEqualTo(expected);
    }

    static Stream<Arguments> accountPages() {
        return Stream.of(
                Arguments.of("MaxResults 0, below the minimum", 0, null, invalid("MIN_VALUE_EXCEEDED")),
                Arguments.of("MaxResults 1, the minimum", 1, null, OK),
                Arguments.of("MaxResults 20, the maximum", 20, null, OK),
                Arguments.of("MaxResults 21, above the maximum", 21, null, invalid("MAX_VALUE_EXCEEDED")),
                Arguments.of("MaxResults -2147483648", Integer.MIN_VALUE, null, invalid("MIN_VALUE_EXCEEDED")),
                Arguments.of("NextToken garbage", null, "garbage", invalid("INVALID_NEXT_TOKEN")),
                Arguments.of("NextToken of 100000 characters, at the maximum", null, "x".repeat(100_000),
                        invalid("INVALID_NEXT_TOKEN")),
                Arguments.of("NextToken of 100001 characters, above the maximum", null, "x".repeat(100_001),
                        invalid("MAX_LENGTH_EXCEEDED")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("handshakePages")
    void bothListOperationsCheckEveryMemberAtItsBoundaries(ListCall list, String description, HandshakeFilter filter,
                                                          Integer maxResults, String nextToken, String expected) {
        // given
        String caller = list == ListCall.FOR_ACCOUNT ? a : m;

        // when
        String outcome = outcomeOf(() -> list.call(as(caller), filter, maxResults, nextToken));

        // then
        assertThat(outcome).isEqualTo(expected);
    }

    static Stream<Arguments> handshakePages() {
        List<Object[]> cases = new ArrayList<>();
        for (ActionType action : ActionType.knownValues()) {
            cases.add(new Object[] {"ActionType " + action, HandshakeFilter.builder().actionType(action).build(),
                    null, null, OK});
        }
        cases.add(new Object[] {"ActionType in lower case", HandshakeFilter.builder().actionType("invite").build(),
                null, null, invalid("INVALID_ENUM")});
        cases.add(new Object[] {"ParentHandshakeId of 34 characters, at the maximum",
                HandshakeFilter.builder().parentHandshakeId("h-" + "0".repeat(32)).build(), null, null, OK});
        cases.add(new Object[] {"ParentHandshakeId of 35 characters, above the maximum",
                HandshakeFilter.builder().parentHandshakeId("h-" + "0".repeat(33)).build(), null, null,
                invalid("MAX_LENGTH_EXCEEDED")});
        cases.add(new Object[] {"ParentHandshakeId of 10 characters, the shortest",
                HandshakeFilter.builder().parentHandshakeId("h-00000000").build(), null, null, OK});
        cases.add(new Object[] {"NextToken of 100000 characters, at the maximum", null, null, "x".repeat(100_000),
                invalid("INVALID_NEXT_TOKEN")});
        cases.add(new Object[] {"NextToken of 100001 characters, above the maximum", null, null,
                "x".repeat(100_001), invalid("MAX_LENGTH_EXCEEDED")});
        cases.add(new Object[] {"range before the rule between filters: both filters and MaxResults 21",
                HandshakeFilter.builder().actionType(ActionType.INVITE).parentHandshakeId("h-12345678").build(),
                21, null, invalid("MAX_VALUE_EXCEEDED")});
        cases.add(new Object[] {"pattern before the rule between filters: both filters, ParentHandshakeId bad",
                HandshakeFilter.builder().actionType(ActionType.INVITE).parentHandshakeId("bad").build(),
                null, null, invalid("INVALID_PATTERN")});
        return Arrays.stream(ListCall.values()).flatMap(list -> cases.stream().map(c -> Arguments.of(list, c[0], c[1],
                c[2], c[3], c[4])));
    }

    private static Arguments inviteCase(String description,
                                        Consumer<InviteAccountToOrganizationRequest.Builder> change, String expected) {
        return Arguments.of(description, change, expected);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> tag("k" + i, "v")).toList();
    }
}
