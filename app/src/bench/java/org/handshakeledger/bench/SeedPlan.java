package org.handshakeledger.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * Which handshakes a seeded ledger of {@code size} holds, computed rather than stored, so that the seeder (which
 * writes them) and the read mix (which asks for them as their real parties) agree. Handshake {@code k} is sent by
 * seeded organization {@code (k / 1000) mod 100} to seeded recipient {@code k mod 1000}; so every (organization,
 * recipient) pair occurs once per 100,000 handshakes, neighbouring handshakes have different recipients (seeding
 * threads never wait for each other's rows), and only the newest 100,000 may still be open (an
 * organization holds at most one open invitation per account). They are requested evenly over the ten days before
 * the seeding, so every one is still visible (retention 30 days) and the open ones have not expired (15 days).
 */
record SeedPlan(int size, Instant seededAt) {
    static final Duration WINDOW = Duration.ofDays(10);
    static final Duration INVITE_EXPIRY = Duration.ofDays(15);
    static final Duration RETENTION = Duration.ofDays(30);
    static final int PAIRS = BenchAccounts.SEED_ORGANIZATIONS * BenchAccounts.SEED_RECIPIENTS;

    enum Outcome { OPEN, ACCEPTED, DECLINED, CANCELED }

    static String organizationId(int organization) {
        return String.format("o-bench%05d", organization);
    }

    String handshakeId(int k) {
        return String.format("h-%016x%016x", mix(k), mix(k + 0x5DEECE66DL));
    }

    int organization(int k) {
        return (k / BenchAccounts.SEED_RECIPIENTS) % BenchAccounts.SEED_ORGANIZATIONS;
    }

    int recipient(int k) {
        return k % BenchAccounts.SEED_RECIPIENTS;
    }

    /** 20% of the newest 100,000 stay open; of the rest 10% were accepted, 45% declined and 45% canceled. */
    Outcome outcome(int k) {
        if (k >= size - PAIRS && Math.floorMod(mix(k ^ 0x1F), 100) < 20) {
            return Outcome.OPEN;
        }
        int draw = (int) Math.floorMod(mix(k ^ 0x2F), 100);
        return draw < 10 ? Outcome.ACCEPTED : draw < 55 ? Outcome.DECLINED : Outcome.CANCELED;
    }

    /** Evenly over the window, the newest an hour before the seeding (so that every answer is in the past). */
    Instant requestedAt(int k) {
        long spanMillis = WINDOW.minusHours(1).toMillis();
        return seededAt.minus(WINDOW).plusMillis(spanMillis * k / Math.max(1, size));
    }

    /** When the handshake was answered: one second to an hour after it was sent. */
    Instant answeredAt(int k) {
        return requestedAt(k).plusSeconds(1 + Math.floorMod(mix(k ^ 0x3F), 3600));
    }

    Instant organizationsCreatedAt() {
        return seededAt.minus(WINDOW).minus(Duration.ofDays(1));
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
