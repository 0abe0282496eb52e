package org.handshakeledger.app.mirror;

import jakarta.servlet.http.HttpServletRequest;

import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.LedgerResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ledger/mirror}: the {@link MirrorStatus}, for accounts with the role auditor or operator. */
@RestController
@LedgerEndpoint
public class MirrorController {
    private final LedgerAuthenticator authenticator;
    private final MirrorStatus.Reader statuses;

    public MirrorController(LedgerAuthenticator authenticator, MirrorStatus.Reader statuses) {
        this.authenticator = authenticator;
        this.statuses = statuses;
    }

    @GetMapping("/ledger/mirror")
    public ResponseEntity<byte[]> status(HttpServletRequest http) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        if (!caller.account().hasAnyRole(DirectoryAccount.AUDITOR, DirectoryAccount.OPERATOR)) {
            throw LedgerException.roleRequired("see the mirror's status.", DirectoryAccount.AUDITOR,
                    DirectoryAccount.OPERATOR);
        }
        return LedgerResponses.json(HttpStatus.OK, statuses.current());
    }
}
