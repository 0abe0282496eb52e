package org.handshakeledger.app.awsjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.handshakeledger.domain.handshake.PartyType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InputsTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Nested
    class Lengths {
        @Test
        void countUnicodeCharactersNotUtf16Units() {
            assertThat(Inputs.length(EMOJI.repeat(3))).isEqualTo(3);
            assertThat(Inputs.length("Größe")).isEqualTo(5);
        }

        @Test
        void acceptAtTheMaximumInCharacters() {
            assertThatCode(() -> Inputs.maxLength("Notes", EMOJI.repeat(1024), 1024)).doesNotThrowAnyException();
        }

        @Test
        void refuseAboveTheMaximumAsMaxLengthExceeded() {
            InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                    () -> Inputs.maxLength("Notes", EMOJI.repeat(1025), 1024));

            assertThat(invalid.reason()).isEqualTo("MAX_LENGTH_EXCEEDED");
            assertThat(invalid.getMessage()).contains("Notes").contains("1024");
        }

        @Test
        void refuseBelowTheMinimumAsMinLengthExceeded() {
            InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                    () -> Inputs.minLength("Target.Id", "", 1));

            assertThat(invalid.reason()).isEqualTo("MIN_LENGTH_EXCEEDED");
        }
    }

    @Test
    void freeTextWithMarkupIsInvalidPatternNamingTheFindingButNotTheValue() {
        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                () -> Inputs.freeText("Notes", "<script>alert(1)</script>"));

        assertThat(invalid.reason()).isEqualTo("INVALID_PATTERN");
        assertThat(invalid.getMessage()).contains("Notes").contains("markup").doesNotContain("script>");
    }

    @Test
    void anUnknownEnumValueIsInvalidEnumListingTheValidOnesButNotRepeatingTheValue() {
        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                () -> Inputs.enumValue("Target.Type", "<b>FOO</b>", PartyType.class));

        assertThat(invalid.reason()).isEqualTo("INVALID_ENUM");
        assertThat(invalid.getMessage()).isEqualTo(
                "You specified an invalid value for Target.Type. Valid values: ACCOUNT, ORGANIZATION, EMAIL.");
    }

    @Test
    void enumValuesMatchExactly() {
        assertThat(Inputs.enumValue("Target.Type", "EMAIL", PartyType.class)).isEqualTo(PartyType.EMAIL);
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> Inputs.enumValue("Target.Type", "email", PartyType.class)).reason()).isEqualTo("INVALID_ENUM");
    }

    @Test
    void aNextTokenMayHaveAHundredThousandCharactersAndNoMore() {
        assertThatCode(() -> Inputs.nextToken("t".repeat(100_000))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> Inputs.nextToken("t".repeat(100_001))).reason()).isEqualTo("MAX_LENGTH_EXCEEDED");
    }

    @Test
    void maxResultsIsOneToTwentyAndTwentyWhenAbsent() {
        assertThat(Inputs.maxResults(null)).isEqualTo(20);
        assertThat(Inputs.maxResults(1)).isEqualTo(1);
        assertThat(Inputs.maxResults(20)).isEqualTo(20);
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> Inputs.maxResults(0)).reason())
                .isEqualTo("MIN_VALUE_EXCEEDED");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> Inputs.maxResults(21)).reason())
                .isEqualTo("MAX_VALUE_EXCEEDED");
    }

    @Test
    void aHandshakeIdIsCheckedForLengthBeforePattern() {
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> Inputs.handshakeId("HandshakeId", "h-" + "A".repeat(33))).reason())
                .isEqualTo("MAX_LENGTH_EXCEEDED");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> Inputs.handshakeId("HandshakeId", "h-" + "A".repeat(32))).reason())
                .isEqualTo("INVALID_PATTERN");
    }
}
