package org.handshakeledger.app.awsjson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTextScreenTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Please join our organization.",
        "a < b and 5 > 3",
        "<3 from the team",
        "x <= y, y >= z, i<-1",
        "Questions to jane.doe+orgs@example.com",
        "See https://example.com/onboarding?step=2&lang=en",
        "Tabs\tand\nnew lines\r\nare fine",
        "Größe 部署 and a non\u00a0breaking space, emoji \uD83D\uDE00",
        "Say \"hello\" and 'bye'",
        "JavaScript is a language",
        "turn on = off",
        "the online = offline debate",
        "Java script: two words",
        "&amp; &lt;b&gt; are just entities in text"
    })
    void letsProseThrough(String text) {
        assertThat(FreeTextScreen.findActiveContent(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "Hi <b>there</b>",
        "<img src=x onerror=alert(1)>",
        "</textarea>",
        "<!-- hidden -->",
        "<!DOCTYPE html>",
        "<?xml version=\"1.0\"?>",
        "<svg/onload=alert(1)>",
        "<A HREF=x>",
        "a<b"
    })
    void refusesMarkup(String text) {
        assertThat(FreeTextScreen.findActiveContent(text)).hasValue("markup (an HTML tag or comment)");
    }

    /** Anywhere in the text, since the whole of it may end up as a link: also "JavaScript: the good parts". */
    @ParameterizedTest
    @ValueSource(strings = {
        "javascript:alert(1)",
        "JavaScript: the good parts",
        "Click JavaScript:alert(document.cookie)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4="
    })
    void refusesScriptUrls(String text) {
        assertThat(FreeTextScreen.findActiveContent(text)).hasValue("a script URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)' autofocus '",
        "x\"/onclick=alert(1)",
        "`ONLOAD =alert(1)"
    })
    void refusesEventHandlersThatBreakOutOfAnAttribute(String text) {
        assertThat(FreeTextScreen.findActiveContent(text)).hasValue("an event-handler attribute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000 byte", "bell \u0007", "escape \u001b[31m", "delete \u007f", "c1 \u0085"})
    void refusesControlCharactersOtherThanTabAndLineBreaks(String text) {
        assertThat(FreeTextScreen.findActiveContent(text)).hasValue("a control character");
    }
}
