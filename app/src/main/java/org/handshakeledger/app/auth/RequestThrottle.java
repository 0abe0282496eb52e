package org.handshakeledger.app.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * The opt-in request rate limit per calling account ({@code --ledger.limits.requests-per-second} and
 * {@code --ledger.limits.burst}, spec §5.8): one token bucket per account of the directory, holding at most the
 * burst and refilled evenly at the rate. Asked right after a request's signature checked out and before anything else
 * of it runs, by the AWS endpoint and by the {@code /ledger} endpoints alike, so that an account has one budget
 * whichever way it calls. The buckets live in this instance: instances sharing a database each admit the rate.
 *
 * <p>The buckets are made up front for the accounts of the directory, which is fixed once loaded, so no request can
 * make the throttle grow; requests that fail authentication have no account and never reach it.
 */
public final class RequestThrottle {
    private static final RequestThrottle OFF = new RequestThrottle(Map.of(), false);

    private final Map<String, Bucket> bucketsByAccount;
    private final boolean enabled;

    private RequestThrottle(Map<String, Bucket> bucketsByAccount, boolean enabled) {
        this.bucketsByAccount = bucketsByAccount;
        this.enabled = enabled;
    }

    /** Admits every request. */
    public static RequestThrottle off() {
        return OFF;
    }

    /**
     * Admits {@code burst} requests of an account at once and {@code requestsPerSecond} per second after that.
     *
     * @throws IllegalArgumentException if the rate or the burst is not positive
     */
    public static RequestThrottle perAccount(AccountDirectory directory, int requestsPerSecond, int burst) {
        // monotonic: a wall clock set back would stop the refill, one set forward would refill every bucket at once
        return perAccount(directory, requestsPerSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    static RequestThrottle perAccount(AccountDirectory directory, int requestsPerSecond, int burst, TimeMeter time) {
        if (requestsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("requestsPerSecond and burst must be at least 1, not "
                    + requestsPerSecond + " and " + burst);
        }
        Map<String, Bucket> buckets = new LinkedHashMap<>();
        for (DirectoryAccount account : directory.accounts()) {
            buckets.put(account.id(), Bucket.builder()
                    .addLimit(limit -> limit.capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)))
                    .withCustomTimePrecision(time)
                    .build());
        }
        return new RequestThrottle(Map.copyOf(buckets), true);
    }

    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Takes one request from the caller's account.
     *
     * @throws TooManyRequestsException if the account has none left for now
     */
    public void admit(AuthenticatedCaller caller) {
        if (!enabled) {
            return;
        }
        Bucket bucket = bucketsByAccount.get(caller.accountId());
        if (bucket == null) {
            throw new IllegalStateException("No request bucket for account " + caller.accountId()
                    + ", which the directory authenticated");
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
