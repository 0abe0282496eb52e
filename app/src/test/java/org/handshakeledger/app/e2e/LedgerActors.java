package org.handshakeledger.app.e2e;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh accounts for every test, so that tests sharing one running application never see each other's
 * organizations. The accounts file written by {@link AbstractLedgerIT} holds {@link #CAPACITY} of them.
 */
final class LedgerActors {
    static final int CAPACITY = 3000;
    /** The one account of the accounts file with the role {@code auditor}; outside the range {@link #next()} uses. */
    static final String AUDITOR = "199999999999";
    /** The one account with the role {@code operator}: it may list, check and rebuild the projections. */
    static final String OPERATOR = "188888888888";
    private static final AtomicInteger NEXT = new AtomicInteger();

    private LedgerActors() {
    }

    static String accountId(int index) {
        return String.format("%012d", 100_000_000_000L + index);
    }

    static String email(String accountId) {
        return "user-" + accountId + "@example.com";
    }

    static String name(String accountId) {
        return "Account " + accountId;
    }

    static String accessKeyId(String accountId) {
        return "AKIAIT" + accountId + "00";
    }

    static String secret(String accountId) {
        return "it-secret-" + accountId;
    }

    /** The account's second key, which stands for temporary credentials: it needs {@link #sessionToken}. */
    static String sessionAccessKeyId(String accountId) {
        return "ASIAIT" + accountId + "00";
    }

    static String sessionSecret(String accountId) {
        return "it-session-secret-" + accountId;
    }

    static String sessionToken(String accountId) {
        return "it-session-token-" + accountId;
    }

    /** An account nobody else uses. */
    static String next() {
        int index = NEXT.getAndIncrement();
        if (index >= CAPACITY) {
            throw new IllegalStateException("Out of test accounts: raise LedgerActors.CAPACITY");
        }
        return accountId(index);
    }
}
