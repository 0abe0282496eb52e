package org.handshakeledger.app.operator;

import jakarta.servlet.http.HttpServletRequest;

import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerException;
import org.springframework.stereotype.Component;

/** Who may call the operators' {@code /ledger} endpoints: a signed request from an account with the role operator. */
@Component
class OperatorAccess {
    private final LedgerAuthenticator authenticator;

    OperatorAccess(LedgerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Authenticates the request and refuses it (403) unless its account is an operator.
     *
     * @param mayWhat what an operator may do there, for the refusal: "take a backup"
     */
    void require(HttpServletRequest http, String mayWhat) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        if (!caller.account().hasRole(ProjectionsController.OPERATOR)) {
            throw LedgerException.roleRequired(mayWhat + ".", ProjectionsController.OPERATOR);
        }
    }
}
