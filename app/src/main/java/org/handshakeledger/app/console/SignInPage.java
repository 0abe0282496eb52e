package org.handshakeledger.app.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form (Spring Security takes the POST, see ConsoleSecurityConfiguration), and the page of a refused
 * request: a form sent without its CSRF token, or a page the account's roles do not open.
 */
@Controller
class SignInPage {
    @GetMapping("/console/sign-in")
    String signIn(@RequestParam(name = "refused", required = false) String refused,
                  @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        model.addAttribute("refused", refused != null);
        model.addAttribute("signedOut", signedOut != null);
        return "console/sign-in";
    }

    @GetMapping("/console")
    String consoleWithoutSlash() {
        return "redirect:/console/";
    }

    @RequestMapping("/console/denied")
    String denied(HttpServletRequest http, HttpServletResponse response, Model model) {
        boolean csrf = http.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException;
        return ConsoleAdvice.errorPage(HttpStatus.FORBIDDEN, csrf
                ? "This form was sent without the console's security token, or with an old one (for instance after "
                        + "the session expired), and nothing was done. Reload the page and try again."
                : "Your account may not open this page: it needs a role it does not have in the accounts file.",
                response, model);
    }
}
