package org.handshakeledger.app.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.projections.handshake.PageRequest;

/**
 * The "next page" link of a handshake list: the request time and id of the last handshake shown, written as
 * {@code 2026-12-07T03:00:00.123456Z~h-…}, so that a page starts exactly after the previous one however many
 * handshakes arrive meanwhile.
 */
final class ListingCursor {
    private static final char SEPARATOR = '~';

    private ListingCursor() {
    }

    static String of(Instant requestedAt, String id) {
        return requestedAt + String.valueOf(SEPARATOR) + id;
    }

    static PageRequest parse(String cursor, int size) {
        if (cursor == null) {
            return PageRequest.first(size);
        }
        int split = cursor.indexOf(SEPARATOR);
        try {
            if (split > 0 && HandshakeId.isValid(cursor.substring(split + 1))) {
                return new PageRequest(Instant.parse(cursor.substring(0, split)), cursor.substring(split + 1), size);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ConsoleProblem.badInput("'after' is not a page of this list; start again from the first page.");
    }
}
