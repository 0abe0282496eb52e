package org.handshakeledger.app.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One account of the configured directory: who a caller is once its access key has been recognised.
 *
 * @param id    the 12-digit AWS account id
 * @param name  the account name shown as {@code MASTER_NAME} and in {@code ListAccounts}
 * @param email the account's email, matched case-insensitively by EMAIL-targeted invitations
 * @param roles extra ledger roles such as {@code auditor} or {@code operator}; empty for ordinary accounts
 */
public record DirectoryAccount(String id, String name, String email, List<String> roles) {
    /** The role that may read the whole audit trail and verify it. */
    public static final String AUDITOR = "auditor";
    /** The role that may see and rebuild the projections and take backups. */
    public static final String OPERATOR = "operator";

    public DirectoryAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }
}
