package org.handshakeledger.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/**
 * The query parameters of one {@code /ledger} request, checked strictly: an unknown or repeated parameter is an
 * error rather than silently ignored, since an export whose filter was mistyped would quietly contain too much.
 */
public final class QueryParameters {
    private static final int MAX_ECHO = 80;

    private final Map<String, String[]> parameters;

    public QueryParameters(Map<String, String[]> parameters, Set<String> allowed) {
        this.parameters = parameters;
        for (String name : new TreeSet<>(parameters.keySet())) {
            if (!allowed.contains(name)) {
                throw LedgerException.invalidParameter(echo(name),
                        "unknown parameter; expected one of " + new TreeSet<>(allowed) + ".");
            }
            if (parameters.get(name).length > 1) {
                throw LedgerException.invalidParameter(name, "given more than once.");
            }
        }
    }

    public String text(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    public String organizationId(String name) {
        String value = text(name);
        if (value != null && !OrganizationId.isValid(value)) {
            throw invalid(name, value, "an organization id such as o-a1b2c3d4e5");
        }
        return value;
    }

    public String accountId(String name) {
        String value = text(name);
        if (value != null && !AccountId.isValid(value)) {
            throw invalid(name, value, "a 12-digit account id");
        }
        return value;
    }

    public String handshakeId(String name) {
        String value = text(name);
        if (value != null && !HandshakeId.isValid(value)) {
            throw invalid(name, value, "a handshake id such as h-0123456789abcdef0123456789abcdef");
        }
        return value;
    }

    /** An ISO-8601 instant ({@code 2025-01-01T00:00:00Z}, offsets allowed) or a date, meaning its start in UTC. */
    public Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw invalid(name, value, "an ISO-8601 instant such as 2025-01-01T00:00:00Z (a '+' in an offset"
                        + " must be sent as %2B)");
            }
        }
    }

    public Long nonNegativeLong(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, value, "a whole number of at least 0");
    }

    public Integer positiveInt(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, value, "a whole number from 1 to " + Integer.MAX_VALUE);
    }

    public static LedgerException invalid(String name, String value, String expected) {
        return LedgerException.invalidParameter(name, "'" + echo(value) + "' is not " + expected + ".");
    }

    private static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }
}
