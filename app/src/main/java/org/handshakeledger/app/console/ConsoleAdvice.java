package org.handshakeledger.app.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auth.AccountDirectory;
import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.auth.TooManyRequestsException;
import org.handshakeledger.app.observability.ServedRequest;
import org.handshakeledger.app.web.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page has: the signed-in account for the header and navigation, and one error page for
 * whatever a page could not show (an unknown or hidden handshake, bad input, a ledger refusal).
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    private final AccountDirectory directory;

    ConsoleAdvice(AccountDirectory directory) {
        this.directory = directory;
    }

    @ModelAttribute
    void signedIn(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest http, Model model) {
        if (user == null) {
            return;
        }
        ServedRequest.of(http).callerAccountId(user.accountId());
        directory.account(user.accountId()).ifPresent(account -> {
            model.addAttribute("me", account);
            model.addAttribute("auditor", account.hasRole(DirectoryAccount.AUDITOR));
            model.addAttribute("operator", account.hasRole(DirectoryAccount.OPERATOR));
        });
        model.addAttribute("accessKeyId", user.accessKeyId());
    }

    @ExceptionHandler(ConsoleProblem.class)
    String problem(ConsoleProblem problem, HttpServletResponse response, Model model) {
        return errorPage(problem.status(), problem.getMessage(), response, model);
    }

    @ExceptionHandler(LedgerException.class)
    String refused(LedgerException refusal, HttpServletResponse response, Model model) {
        return errorPage(refusal.reason().status(), refusal.getMessage(), response, model);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    String throttled(HttpServletRequest http, HttpServletResponse response, Model model) {
        ServedRequest.of(http).throttled(true);
        return errorPage(HttpStatus.TOO_MANY_REQUESTS, "Your account has made more requests than the ledger allows "
                + "per second. Wait a moment and reload the page.", response, model);
    }

    static String errorPage(HttpStatus status, String message, HttpServletResponse response, Model model) {
        log.debug("Console page answered {}: {}", status.value(), message);
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        model.addAttribute("message", message);
        return "console/error";
    }
}
