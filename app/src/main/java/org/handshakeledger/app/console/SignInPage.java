package org.handshakeledger.app.console;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
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
    String denied(HttpServletResponse response, Model model) {
        return ConsoleAdvice.errorPage(HttpStatus.FORBIDDEN, "This request was refused: either your account may not "
                + "open this page, or a form was sent without the console's security token (for instance after "
                + "the session expired). Reload the page and try again.", response, model);
    }
}
