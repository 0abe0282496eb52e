package org.handshakeledger.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.handshakeledger.app.auditor.AuditScopes;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.projections.organization.AccountPage;
import org.handshakeledger.projections.organization.AccountView;
import org.handshakeledger.projections.organization.FindMembershipQuery;
import org.handshakeledger.projections.organization.GetOrganizationQuery;
import org.handshakeledger.projections.organization.ListAccountsQuery;
import org.handshakeledger.projections.organization.ListOrganizationsQuery;
import org.handshakeledger.projections.organization.MembershipView;
import org.handshakeledger.projections.organization.OrganizationPage;
import org.handshakeledger.projections.organization.OrganizationView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's first page: the organizations the account may see, with their feature set and members. An
 * auditor sees every organization, a page at a time; any other account sees its own organization, and its members
 * if it is the management account (as ListAccounts allows).
 */
@Controller
class OrganizationsPage {
    static final int ORGANIZATIONS_PER_PAGE = 20;
    static final int MEMBERS_SHOWN = 100;

    private final ConsoleCallers callers;
    private final LedgerGateway ledger;

    OrganizationsPage(ConsoleCallers callers, LedgerGateway ledger) {
        this.callers = callers;
        this.ledger = ledger;
    }

    /** An organization with the members shown, and whether more members exist than are shown. */
    record OrganizationCard(OrganizationView organization, List<AccountView> members, boolean moreMembers,
                            boolean membersHidden) {
    }

    @GetMapping("/console/")
    String organizations(@AuthenticationPrincipal ConsoleUser user,
                         @RequestParam(name = "after", required = false) String after, Model model) {
        AuthenticatedCaller caller = callers.of(user);
        List<OrganizationCard> cards = new ArrayList<>();
        if (AuditScopes.isAuditor(caller)) {
            if (after != null && !OrganizationId.isValid(after)) {
                throw ConsoleProblem.badInput("'after' must be an organization id such as o-exampleorgid.");
            }
            // one query for the page and one for all their members, however many organizations it shows
            OrganizationPage page = ledger.query(new ListOrganizationsQuery(after, ORGANIZATIONS_PER_PAGE,
                    MEMBERS_SHOWN), OrganizationPage.class);
            page.organizations().forEach(organization -> {
                AccountPage members = page.members().get(organization.id());
                cards.add(new OrganizationCard(organization, members.accounts(), members.more(), false));
            });
            if (page.more()) {
                model.addAttribute("nextAfter", page.organizations().get(page.organizations().size() - 1).id());
            }
        } else {
            MembershipView membership = ledger.query(new FindMembershipQuery(caller.accountId()),
                    MembershipView.class);
            if (membership.organizationId() != null) {
                organization(membership.organizationId())
                        .ifPresent(organization -> cards.add(card(organization, membership.management())));
            }
        }
        model.addAttribute("cards", cards);
        return "console/organizations";
    }

    private Optional<OrganizationView> organization(String id) {
        return ledger.queryOptional(new GetOrganizationQuery(id), OrganizationView.class);
    }

    private OrganizationCard card(OrganizationView organization, boolean showMembers) {
        if (!showMembers) {
            return new OrganizationCard(organization, List.of(), false, true);
        }
        AccountPage members = ledger.query(new ListAccountsQuery(organization.id(), null, MEMBERS_SHOWN),
                AccountPage.class);
        return new OrganizationCard(organization, members.accounts(), members.more(), false);
    }
}
