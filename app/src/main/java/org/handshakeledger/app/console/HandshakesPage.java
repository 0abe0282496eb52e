package org.handshakeledger.app.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.handshakeledger.app.auditor.AuditScopes;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.projections.handshake.HandshakePage;
import org.handshakeledger.projections.handshake.HandshakeView;
import org.handshakeledger.projections.handshake.PageRequest;
import org.handshakeledger.projections.handshake.SearchHandshakesQuery;
import org.handshakeledger.projections.organization.FindMembershipQuery;
import org.handshakeledger.projections.organization.MembershipView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;


/**
 * The handshakes the account may see, newest first, a page at a time, filtered by state, action, recipient account
 * and request date; a handshake id in the search box opens that handshake's timeline. An auditor sees every
 * handshake (or one organization's); a management account chooses between what its organization sent and what it
 * received; any other account sees what it received. Listed are the handshakes the AWS API still shows: one that
 * the retention deleted is opened by its id.
 */
@Controller
class HandshakesPage {
    static final int PER_PAGE = 25;
    static final String SENT = "sent";
    static final String RECEIVED = "received";

    private final ConsoleCallers callers;
    private final LedgerGateway ledger;
    private final Clock clock;

    HandshakesPage(ConsoleCallers callers, LedgerGateway ledger, Clock clock) {
        this.callers = callers;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/console/handshakes")
    String handshakes(@AuthenticationPrincipal ConsoleUser user, @RequestParam Map<String, String> parameters,
                      Model model) {
        AuthenticatedCaller caller = callers.of(user);
        String id = text(parameters, "id");
        if (id != null) {
            if (!HandshakeId.isValid(id)) {
                throw ConsoleProblem.badInput("'" + id + "' is not a handshake id: one looks like "
                        + "h-0123456789abcdef0123456789abcdef.");
            }
            return "redirect:/console/handshakes/" + id;
        }
        HandshakeState state = choice(parameters, "state", HandshakeState.class);
        HandshakeAction action = choice(parameters, "action", HandshakeAction.class);
        String account = text(parameters, "account");
        if (account != null && !AccountId.isValid(account)) {
            throw ConsoleProblem.badInput("'account' must be a 12-digit account id.");
        }
        Instant from = ConsoleDates.from("from", parameters.get("from"));
        Instant to = ConsoleDates.through("to", parameters.get("to"));
        ConsoleDates.requireOrdered(from, to);
        PageRequest page = ListingCursor.parse(text(parameters, "after"), PER_PAGE);

        Scope scope = scope(caller, parameters, account);
        HandshakePage found = ledger.query(new SearchHandshakesQuery(scope.organization(), scope.recipient(),
                scope.recipientEmail(), state, action, from, to, page, clock.instant()), HandshakePage.class);

        Map<String, String> filters = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!name.equals("after") && value != null && !value.isBlank()) {
                filters.put(name, value);
            }
        });
        model.addAttribute("filters", filters);
        model.addAttribute("handshakes", found.handshakes());
        model.addAttribute("states", HandshakeState.values());
        model.addAttribute("actions", HandshakeAction.values());
        model.addAttribute("box", scope.box());
        model.addAttribute("management", scope.management());
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/console/handshakes");
        filters.forEach(link::queryParam);
        if (page.afterId() != null) {
            model.addAttribute("firstPageLink", link.build().encode().toUriString());
        }
        if (found.more()) {
            HandshakeView last = found.handshakes().get(found.handshakes().size() - 1);
            model.addAttribute("nextPageLink", link.queryParam("after", ListingCursor.of(last.requestedAt(), last.id()))
                    .build().encode().toUriString());
        }
        return "console/handshakes";
    }

    /**
     * Whose handshakes the list shows: an organization's, a recipient's (by id and email), or everything (all
     * null); {@code box} is what a management account chose, {@link #SENT} or {@link #RECEIVED}.
     */
    private record Scope(boolean management, String box, String organization, String recipient,
                         String recipientEmail) {
    }

    private Scope scope(AuthenticatedCaller caller, Map<String, String> parameters, String account) {
        if (AuditScopes.isAuditor(caller)) {
            String organization = text(parameters, "organization");
            if (organization != null && !OrganizationId.isValid(organization)) {
                throw ConsoleProblem.badInput("'organization' must be an organization id such as o-exampleorgid.");
            }
            return new Scope(false, null, organization, account, null);
        }
        MembershipView membership = ledger.query(new FindMembershipQuery(caller.accountId()), MembershipView.class);
        if (membership.management() && !RECEIVED.equals(text(parameters, "box"))) {
            return new Scope(true, SENT, membership.organizationId(), account, null);
        }
        if (account != null && !account.equals(caller.accountId())) {
            throw ConsoleProblem.badInput("You see the handshakes your account received; 'account' can only be your "
                    + "own account id here.");
        }
        // what this account received: by its id, and the invitations sent to its email address
        return new Scope(membership.management(), RECEIVED, null, caller.accountId(), caller.account().email());
    }

    private static String text(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <E extends Enum<E>> E choice(Map<String, String> parameters, String name, Class<E> type) {
        String value = text(parameters, name);
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ConsoleProblem.badInput("'" + name + "' must be one of "
                        + Arrays.toString(type.getEnumConstants()) + "."));
    }
}
