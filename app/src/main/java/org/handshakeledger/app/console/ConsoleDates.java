package org.handshakeledger.app.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The date filters of console forms: whole days in UTC, both ends included. */
final class ConsoleDates {
    private ConsoleDates() {
    }

    /** The start of the day, or null for no date. */
    static Instant from(String name, String value) {
        return day(name, value, 0);
    }

    /** The start of the next day (an exclusive end that includes the day), or null for no date. */
    static Instant through(String name, String value) {
        return day(name, value, 1);
    }

    /** Refuses a range whose end comes before its start. */
    static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ConsoleProblem.badInput("'to' must not be before 'from'.");
        }
    }

    private static Instant day(String name, String value, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ConsoleProblem.badInput("'" + name + "' must be a date such as 2026-03-03.");
        }
    }
}
