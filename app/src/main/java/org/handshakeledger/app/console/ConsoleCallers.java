package org.handshakeledger.app.console;

import org.handshakeledger.app.auth.AccountDirectory;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.auth.RequestThrottle;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.stereotype.Component;

/**
 * The signed-in console user as the caller every other part of the ledger knows ({@link AuthenticatedCaller}), so
 * that the console sees exactly what the same key sees through {@code /ledger}: the same scopes, the same rules, and
 * the same request budget ({@link RequestThrottle}, off unless configured), which a page takes from as a
 * {@code /ledger} request does.
 */
@Component
class ConsoleCallers {
    /** The region of a console caller's "credential scope": the console signs nothing. */
    static final String CONSOLE_REGION = "console";

    private final AccountDirectory directory;
    private final RequestThrottle throttle;

    ConsoleCallers(AccountDirectory directory, RequestThrottle throttle) {
        this.directory = directory;
        this.throttle = throttle;
    }

    AuthenticatedCaller of(ConsoleUser user) {
        if (user == null) {
            throw new InsufficientAuthenticationException("Not signed in to the console");
        }
        DirectoryAccount account = directory.account(user.accountId()).orElseThrow(
                () -> new InsufficientAuthenticationException("The account of this session is no longer known"));
        AuthenticatedCaller caller = new AuthenticatedCaller(account, user.accessKeyId(), CONSOLE_REGION);
        throttle.admit(caller);
        return caller;
    }
}
