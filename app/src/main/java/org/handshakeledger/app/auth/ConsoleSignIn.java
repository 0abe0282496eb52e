package org.handshakeledger.app.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs in to the console with an access key id and its secret from the accounts file, checked as the SigV4
 * check does: the secret is compared in constant time and kept nowhere, neither in the session nor in a log. The
 * session then holds a {@link ConsoleUser}: the account and the key, with the account's roles as authorities.
 * Temporary keys (with a session token) are not accepted: a console session would outlive the token's purpose.
 */
@Component
public class ConsoleSignIn implements AuthenticationProvider {
    static final String REFUSED = "The access key id or the secret is not right.";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSignIn.class);

    private final AccountDirectory directory;

    public ConsoleSignIn(AccountDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String keyId = attempt.getName();
        Object credentials = attempt.getCredentials();
        String secret = credentials == null ? "" : credentials.toString();
        Optional<DirectoryAccount> account = directory.accessKey(keyId)
                .filter(key -> !key.hasSessionToken())
                .filter(key -> sameSecret(key, secret))
                .flatMap(key -> directory.account(key.accountId()));
        if (account.isEmpty()) {
            // what was typed as the key id is only named when it is a key id: it might be a secret typed in the
            // wrong field
            log.warn("Console sign-in refused for {}", directory.accessKey(keyId).isPresent()
                    ? "access key " + keyId : "an unknown access key id");
            throw new BadCredentialsException(REFUSED);
        }
        List<GrantedAuthority> roles = account.get().roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role)).toList();
        log.info("Console sign-in of account {} with access key {}", account.get().id(), keyId);
        return UsernamePasswordAuthenticationToken.authenticated(new ConsoleUser(account.get().id(), keyId), null,
                roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static boolean sameSecret(AccessKey key, String secret) {
        return MessageDigest.isEqual(key.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }
}
