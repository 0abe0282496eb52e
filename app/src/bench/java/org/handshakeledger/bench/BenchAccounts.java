package org.handshakeledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The accounts of the benchmark, in fixed index ranges of one accounts file (DESIGN.md format): the management
 * accounts and recipients of the seeded organizations, the management accounts and answering accounts of the write
 * mix, the management account of the one organization that takes a whole invite load, an auditor and operator in
 * no organization (who signs in to the web console to see everything), and one fresh account for every accepted
 * invitation of the write mix (an account joins once). The targets of the pre-signed invite loads
 * are ids of a range of their own, not in the file: they are only invited, never answer.
 */
final class BenchAccounts {
    static final int SEED_ORGANIZATIONS = 100;
    static final int SEED_RECIPIENTS = 1_000;
    static final int WRITE_ORGANIZATIONS = 100;
    static final int WRITE_POOL = 1_000;

    private static final int SEED_MANAGER_BASE = 0;
    private static final int SEED_RECIPIENT_BASE = 1_000;
    private static final int WRITE_MANAGER_BASE = 3_000;
    private static final int HOT_MANAGER = 3_500;
    private static final int AUDITOR = 3_600;
    private static final int WRITE_POOL_BASE = 4_000;
    private static final int WRITE_JOINER_BASE = 10_000;
    /** Far above the joiners, whose range grows with the number of requests of a run. */
    private static final int INVITE_TARGET_BASE = 100_000_000;

    private BenchAccounts() {
    }

    static String accountId(int index) {
        return String.format("%012d", 300_000_000_000L + index);
    }

    static String seedManager(int organization) {
        return accountId(SEED_MANAGER_BASE + organization);
    }

    static String seedRecipient(int recipient) {
        return accountId(SEED_RECIPIENT_BASE + recipient);
    }

    static String writeManager(int organization) {
        return accountId(WRITE_MANAGER_BASE + organization);
    }

    static String writePool(int index) {
        return accountId(WRITE_POOL_BASE + index);
    }

    static String writeJoiner(int index) {
        return accountId(WRITE_JOINER_BASE + index);
    }

    /** The management account of the organization that receives every invitation of one load. */
    static String hotManager() {
        return accountId(HOT_MANAGER);
    }

    /** The account with the roles {@code auditor} and {@code operator}. */
    static String auditor() {
        return accountId(AUDITOR);
    }

    /** The account invited by pre-signed invitation {@code index} of a run; not in the accounts file. */
    static String inviteTarget(int index) {
        return accountId(INVITE_TARGET_BASE + index);
    }

    static String email(String accountId) {
        return "bench-" + accountId + "@example.com";
    }

    static String name(String accountId) {
        return "Bench " + accountId;
    }

    static String accessKeyId(String accountId) {
        return "AKIABN" + accountId + "00";
    }

    static String secret(String accountId) {
        return "bench-secret-" + accountId;
    }

    /** Writes the accounts file with every account a run with {@code writeCycles} write cycles can use. */
    static Path writeFile(Path file, int writeCycles) {
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (int i = 0; i < SEED_ORGANIZATIONS; i++) {
            append(yaml, seedManager(i));
        }
        for (int i = 0; i < SEED_RECIPIENTS; i++) {
            append(yaml, seedRecipient(i));
        }
        for (int i = 0; i < WRITE_ORGANIZATIONS; i++) {
            append(yaml, writeManager(i));
        }
        append(yaml, hotManager());
        append(yaml, auditor(), "[auditor, operator]");
        for (int i = 0; i < WRITE_POOL; i++) {
            append(yaml, writePool(i));
        }
        for (int i = 0; i <= writeCycles / 3 + 1; i++) {
            append(yaml, writeJoiner(i));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(StringBuilder yaml, String id) {
        append(yaml, id, null);
    }

    private static void append(StringBuilder yaml, String id, String roles) {
        yaml.append("  - id: \"").append(id).append("\"\n")
                .append("    name: ").append(name(id)).append('\n')
                .append("    email: ").append(email(id)).append('\n');
        if (roles != null) {
            yaml.append("    roles: ").append(roles).append('\n');
        }
        yaml.append("    access-keys:\n")
                .append("      - id: ").append(accessKeyId(id)).append('\n')
                .append("        secret: ").append(secret(id)).append('\n');
    }
}
