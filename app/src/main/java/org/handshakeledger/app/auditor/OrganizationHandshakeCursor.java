package org.handshakeledger.app.auditor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.domain.HandshakeId;

/**
 * Where a page of an organization's handshakes ended, in their order (request time descending, id ascending): the
 * key of its last handshake. On the wire it is opaque, base64url text, so that callers pass it back unchanged.
 */
record OrganizationHandshakeCursor(Instant requestedAt, String handshakeId) {
    private static final String SEPARATOR = "|";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((requestedAt + SEPARATOR + handshakeId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a previous page ({@code X-Ledger-Next-After}); anything else is refused, naming the parameter. */
    static OrganizationHandshakeCursor decode(String parameter, String value) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int separator = text.indexOf(SEPARATOR);
            if (separator > 0) {
                Instant requestedAt = Instant.parse(text.substring(0, separator));
                String handshakeId = text.substring(separator + 1);
                if (HandshakeId.isValid(handshakeId)) {
                    return new OrganizationHandshakeCursor(requestedAt, handshakeId);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw LedgerException.invalidParameter(parameter,
                "not a cursor this endpoint gave; pass the X-Ledger-Next-After of the previous page unchanged.");
    }
}
