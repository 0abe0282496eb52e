package org.handshakeledger.app.awsjson;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screen AWS puts on free text such as invitation Notes (spec §3.5): text that a console or an e-mail could
 * render as active content is refused with {@code INVALID_PATTERN}. Refused are
 * <ul>
 *   <li>markup: {@code <} directly followed by an ASCII letter, {@code /}, {@code !} or {@code ?}, which is how an
 *       HTML parser recognises a tag, an end tag, a comment, a doctype or a processing instruction;</li>
 *   <li>script URLs: {@code javascript:}, {@code vbscript:}, {@code livescript:} and {@code data:text/html}, in any
 *       case, also when split by the tabs and line breaks a browser drops from URLs or spelled with HTML character
 *       references ({@code &#106;avascript&colon;});</li>
 *   <li>event-handler attributes written after a quote ({@code " onmouseover=}), the way text breaks out of an
 *       attribute value it is pasted into (inside a tag they are already markup);</li>
 *   <li>control characters other than tab, line feed and carriage return: no reader needs them, and some stores
 *       cannot hold NUL.</li>
 * </ul>
 * Ordinary prose passes: {@code a < b}, {@code 5 > 3}, {@code <3}, e-mail addresses, URLs with http(s), quotes.
 */
public final class FreeTextScreen {
    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z/!?]");
    private static final Pattern SCRIPT_URL = Pattern.compile("(?:java|vb|live)script:|data:text/html");
    private static final Pattern EVENT_HANDLER = Pattern.compile("[\"'`][\\s/]*on[a-z]+\\s*=");
    private static final Pattern CHARACTER_REFERENCE = Pattern.compile(
            "&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?|&(colon|tab|newline);", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_IGNORED = Pattern.compile("[\\t\\n\\r]");

    private FreeTextScreen() {
    }

    /** What makes {@code text} look like active content, in words for the client; empty if it is plain text. */
    public static Optional<String> findActiveContent(String text) {
        if (text.codePoints().anyMatch(FreeTextScreen::isForbiddenControl)) {
            return Optional.of("a control character");
        }
        if (MARKUP.matcher(text).find()) {
            return Optional.of("markup (an HTML tag or comment)");
        }
        String decoded = URL_IGNORED.matcher(decodeCharacterReferences(text)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        if (SCRIPT_URL.matcher(decoded).find()) {
            return Optional.of("a script URL");
        }
        if (EVENT_HANDLER.matcher(decoded).find()) {
            return Optional.of("an event-handler attribute");
        }
        return Optional.empty();
    }

    private static boolean isForbiddenControl(int c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }

    private static String decodeCharacterReferences(String text) {
        Matcher reference = CHARACTER_REFERENCE.matcher(text);
        StringBuilder decoded = new StringBuilder(text.length());
        while (reference.find()) {
            reference.appendReplacement(decoded, Matcher.quoteReplacement(character(reference)));
        }
        reference.appendTail(decoded);
        return decoded.toString();
    }

    private static String character(Matcher reference) {
        if (reference.group(3) != null) {
            return switch (reference.group(3).toLowerCase(Locale.ROOT)) {
                case "colon" -> ":";
                case "tab" -> "\t";
                default -> "\n";
            };
        }
        int codePoint = reference.group(1) != null ? Integer.parseInt(reference.group(1), 16)
                : Integer.parseInt(reference.group(2));
        return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : "";
    }
}
