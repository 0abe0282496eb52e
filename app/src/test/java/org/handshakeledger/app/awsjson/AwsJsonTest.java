package org.handshakeledger.app.awsjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.handshakeledger.app.awsjson.wire.InviteAccountToOrganizationRequest;
import org.handshakeledger.app.awsjson.wire.ListHandshakesRequest;
import org.handshakeledger.app.awsjson.wire.TagShape;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading request bodies: what is accepted, and the ledger's own message for each way a body can be wrong. */
class AwsJsonTest {
    private final AwsJson json = new AwsJson();

    @Nested
    class Accepted {
        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\t ", "{}", " { } "})
        void anEmptyOrBlankBodyIsAnEmptyObject(String body) {
            ListHandshakesRequest request = json.read(bytes(body), ListHandshakesRequest.class);

            assertThat(request).isEqualTo(new ListHandshakesRequest(null, null, null));
        }

        @Test
        void membersAreBoundByTheirPascalCaseNamesAndUnknownOnesIgnored() {
            String body = "{\"Target\": {\"Id\": \"123456789012\", \"Type\": \"ACCOUNT\", \"Extra\": [1, {}]},"
                    + " \"Notes\": \"Größe 部署 \uD83D\uDE00\", \"Tags\": [{\"Key\": \"k\", \"Value\": \"\"}],"
                    + " \"notes\": 5, \"Unknown\": {\"Deep\": [[[true, null, 1e400]]]}}";

            InviteAccountToOrganizationRequest request = json.read(bytes(body),
                    InviteAccountToOrganizationRequest.class);

            assertThat(request.target().id()).isEqualTo("123456789012");
            assertThat(request.notes()).isEqualTo("Größe 部署 \uD83D\uDE00");
            assertThat(request.tags()).containsExactly(new TagShape("k", ""));
        }

        @Test
        void aNullMemberCountsAsAbsent() {
            ListHandshakesRequest request = json.read(bytes("{\"Filter\": null, \"MaxResults\": null}"),
                    ListHandshakesRequest.class);

            assertThat(request).isEqualTo(new ListHandshakesRequest(null, null, null));
        }

        @Test
        void minusZeroIsTheIntegerZero() {
            assertThat(json.read(bytes("{\"MaxResults\": -0}"), ListHandshakesRequest.class).maxResults())
                    .isZero();
        }

        @Test
        void anEscapedSurrogatePairIsOneCharacter() {
            InviteAccountToOrganizationRequest request = json.read(bytes("{\"Notes\": \"\\ud83d\\ude00\"}"),
                    InviteAccountToOrganizationRequest.class);

            assertThat(request.notes()).isEqualTo("\uD83D\uDE00");
        }
    }

    @Nested
    class Refused {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"Target\": {\"Id\": 123456789012, \"Type\": \"ACCOUNT\"}} | Target.Id must be a string.",
            "{\"Target\": \"123456789012\"}                               | Target must be an object.",
            "{\"Notes\": true}                                            | Notes must be a string.",
            "{\"Notes\": {}}                                              | Notes must be a string.",
            "{\"Tags\": {\"Key\": \"k\"}}                                 | Tags must be a list.",
            "{\"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}, 7]}          | Tags[1] must be an object.",
            "{\"Tags\": [null]}                                           | Tags[0] must be an object, not null.",
            "{\"Tags\": [{\"Key\": [\"k\"], \"Value\": \"v\"}]}           | Tags[0].Key must be a string."
        })
        void aMemberOfTheWrongTypeIsNamedAsTheClientWroteIt(String body, String message) {
            assertRefused(body, InviteAccountToOrganizationRequest.class, message);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"MaxResults\": \"5\"}                    | MaxResults must be an integer.",
            "{\"MaxResults\": 5.0}                      | MaxResults must be an integer.",
            "{\"MaxResults\": 1e400}                    | MaxResults must be an integer.",
            "{\"MaxResults\": -0.0}                     | MaxResults must be an integer.",
            "{\"MaxResults\": 2147483648}               | MaxResults must be an integer from -2147483648 to 2147483647.",
            "{\"MaxResults\": -2147483649}              | MaxResults must be an integer from -2147483648 to 2147483647.",
            "{\"Filter\": {\"ActionType\": 1}}          | Filter.ActionType must be a string.",
            "{\"Filter\": []}                           | Filter must be an object.",
            "{\"NextToken\": false}                     | NextToken must be a string."
        })
        void numbersAndNestedMembersOfTheWrongType(String body, String message) {
            assertRefused(body, ListHandshakesRequest.class, message);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{not json                | The request body is not valid JSON at line 1, column 2.",
            "{\"HandshakeId\": \"h-1\" | The request body ends before its JSON is complete at line 1, column 22.",
            "{\"A\": 1,}              | The request body is not valid JSON at line 1, column 9.",
            "{'A': 1}                 | The request body is not valid JSON at line 1, column 2.",
            "{\"A\": 01}              | The request body is not valid JSON at line 1, column 8.",
            "{\"A\": NaN}             | The request body is not valid JSON at line 1, column 10.",
            "{} {}                    | The request body holds more than one JSON value at line 1, column 4.",
            "[]                       | The request body must be a JSON object.",
            "null                     | The request body must be a JSON object.",
            "\"{}\"                   | The request body must be a JSON object.",
            "42                       | The request body must be a JSON object.",
            "{\"A\": 1, \"A\": 2}     | The request body names the member A more than once.",
            "{\"F\": {\"B\": 1, \"B\": 1}} | The request body names the member F.B more than once."
        })
        void malformedJsonGetsAMessageOfTheLedgersOwn(String body, String message) {
            assertRefused(body, ListHandshakesRequest.class, message);
        }

        @Test
        void aLineAndColumnCountLinesOfTheBody() {
            assertRefused("{\n  \"A\": 1,\n  x\n}", ListHandshakesRequest.class,
                    "The request body is not valid JSON at line 3, column 3.");
        }

        @Test
        void nestingIsLimitedToThirtyTwoLevels() {
            String deepest = "{\"X\":".repeat(31) + "[]" + "}".repeat(31);
            String tooDeep = "{\"X\":".repeat(32) + "[]" + "}".repeat(32);

            assertThat(json.read(bytes(deepest), ListHandshakesRequest.class)).isNotNull();
            assertRefused(tooDeep, ListHandshakesRequest.class,
                    "The request body is nested too deeply: at most 32 levels of objects and arrays are allowed.");
            assertRefused("{\"X\":".repeat(5000) + "1" + "}".repeat(5000), ListHandshakesRequest.class,
                    "The request body is nested too deeply: at most 32 levels of objects and arrays are allowed.");
        }

        @Test
        void numbersAreLimitedToAHundredCharactersWhereverTheyAre() {
            assertThat(json.read(bytes("{\"X\": " + "9".repeat(100) + "}"), ListHandshakesRequest.class))
                    .isNotNull();
            assertRefused("{\"X\": " + "9".repeat(101) + "}", ListHandshakesRequest.class,
                    "The request body holds a number longer than 100 characters at line 1, column 7.");
            assertRefused("{\"MaxResults\": 1" + "0".repeat(5000) + "}", ListHandshakesRequest.class,
                    "The request body holds a number longer than 100 characters at line 1, column 16.");
        }

        @Test
        void invalidUtf8IsRefusedWithItsOffset() {
            byte[] body = {'{', '"', 'N', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};

            assertRefused(body, InviteAccountToOrganizationRequest.class,
                    "The request body is not valid UTF-8: the byte at offset 6 does not begin a valid UTF-8 sequence.");
        }

        @Test
        void anotherEncodingIsNotGuessed() {
            assertRefused("{}".getBytes(StandardCharsets.UTF_16), ListHandshakesRequest.class,
                    "The request body is not valid UTF-8: the byte at offset 0 does not begin a valid UTF-8 sequence.");
        }

        @Test
        void anUnpairedSurrogateEscapeIsNotUnicode() {
            assertRefused("{\"Notes\": \"a\\ud800b\"}", InviteAccountToOrganizationRequest.class,
                    "The request body is not valid Unicode: a string in Notes holds an unpaired surrogate escape"
                            + " at line 1, column 11.");
        }

        @Test
        void messagesNeverCarryTheParsersOwnWords() {
            List<String> bodies = List.of("{not json", "{\"HandshakeId\": \"h-1\"", "{\"X\":".repeat(2000),
                    "{\"Notes\": 5}", "{\"Tags\": [1]}", "{\"Target\": 5}", "[1, 2", "\u0000");

            List<String> messages = bodies.stream().map(body -> catchThrowableOfType(AwsProtocolException.class,
                    () -> json.read(bytes(body), InviteAccountToOrganizationRequest.class)).getMessage()).toList();

            assertThat(messages).allSatisfy(message -> assertThat(message)
                    .doesNotContain("java.", "com.fasterxml", "Jackson", "Stream", "Exception", "`", "$", "token"));
        }
    }

    private void assertRefused(String body, Class<?> type, String message) {
        assertRefused(bytes(body), type, message);
    }

    private void assertRefused(byte[] body, Class<?> type, String message) {
        AwsProtocolException refused = catchThrowableOfType(AwsProtocolException.class, () -> json.read(body, type));

        assertThat(refused).as("refusal of %s", new String(body, StandardCharsets.UTF_8)).isNotNull();
        assertThat(refused.errorCode()).isEqualTo("SerializationException");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo(message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
