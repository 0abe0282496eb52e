package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeFilter;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;

/**
 * Spec §9 cases 51–60 (§3.9, §3.10): every handshake operation validates the HandshakeId it is given, and both
 * List operations validate MaxResults, NextToken and Filter, each with the exact InvalidInputException Reason.
 */
class InputValidationIT extends HandshakeITSupport {

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
}
