package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * The web console's sign-in and session at the HTTP level, as a browser meets them: the session cookie's flags,
 * refused secrets and forms without their CSRF token, isolation by account and role, and secrets kept out of the
 * log. The pages themselves are driven in a real browser by ConsoleIT.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSecurityIT extends AbstractLedgerIT {

    @Test
    void signingInGivesASessionCookieScriptsCannotReadAndOtherSitesNeverSend() {
        // given
        String account = LedgerActors.next();
        ConsoleSession browser = new ConsoleSession(endpoint());

        // when
        HttpResponse<String> signedIn = browser.signIn(LedgerActors.accessKeyId(account),
                LedgerActors.secret(account));

        // then
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/"));
        List<String> setCookies = signedIn.headers().allValues("Set-Cookie");
        assertThat(setCookies).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("LEDGER_CONSOLE=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/console"));
        HttpResponse<String> home = browser.get("/console/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(account).contains("Sign out");
    }

    @Test
    void anAuditorSeesEveryOrganizationWithItsMembersAndAMemberOnlyItsOwn() {
        // given: an organization with a member, and another
        String management = LedgerActors.next();
        String member = LedgerActors.next();
        String organization = createOrganization(management, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        String other = createOrganization(LedgerActors.next(), OrganizationFeatureSet.ALL);
        client(member).acceptHandshake(r -> r.handshakeId(invite(management, member).id()));
        ConsoleSession auditor = new ConsoleSession(endpoint());
        auditor.signIn(LedgerActors.accessKeyId(LedgerActors.AUDITOR), LedgerActors.secret(LedgerActors.AUDITOR));
        ConsoleSession members = new ConsoleSession(endpoint());
        members.signIn(LedgerActors.accessKeyId(member), LedgerActors.secret(member));

        // when: the auditor pages through every organization
        StringBuilder everything = new StringBuilder();
        String page = "/console/";
        for (int i = 0; page != null && i < 1000; i++) {
            String body = auditor.get(page).body();
            everything.append(body);
            java.util.regex.Matcher next = java.util.regex.Pattern.compile("href=\"(/console/\\?after=[^\"]+)\" rel=\"next\"")
                    .matcher(body);
            page = next.find() ? next.group(1) : null;
        }
        String own = members.get("/console/").body();

        // then
        String card = everything.substring(everything.indexOf("data-organization=\"" + organization + "\""));
        assertThat(card.substring(0, card.indexOf("</section>"))).contains("CONSOLIDATED_BILLING")
                .contains(management).contains(member).contains("INVITED");
        assertThat(everything.toString()).contains(other);
        assertThat(own).contains(organization).doesNotContain(other)
                .contains("Only the management account sees the members.");
    }

    @Test
    void theSessionIdChangesAtSignInSoAPlantedOneIsWorthless() {
        // given
        String account = LedgerActors.next();
        ConsoleSession browser = new ConsoleSession(endpoint());
        browser.get("/console/sign-in");
        String before = sessionId(browser);

        // when
        browser.post("/console/sign-in", Map.of("accessKeyId", LedgerActors.accessKeyId(account),
                "secretAccessKey", LedgerActors.secret(account)), true);

        // then
        assertThat(before).isNotNull();
        assertThat(sessionId(browser)).isNotNull().isNotEqualTo(before);
    }

    @Test
    void aWrongSecretDoesNotSignIn() {
        // given
        String account = LedgerActors.next();
        ConsoleSession browser = new ConsoleSession(endpoint());

        // when
        HttpResponse<String> refused = browser.signIn(LedgerActors.accessKeyId(account), "wrong-" + UUID.randomUUID());

        // then
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/sign-in?refused"));
        assertThat(browser.get("/console/sign-in?refused").body())
                .contains("The access key id or the secret is not right.");
        HttpResponse<String> home = browser.get("/console/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/sign-in"));
    }

    @Test
    void temporaryCredentialsAndUnknownKeysDoNotSignIn() {
        // given
        String account = LedgerActors.next();

        // when
        HttpResponse<String> temporary = new ConsoleSession(endpoint()).signIn(
                LedgerActors.sessionAccessKeyId(account), LedgerActors.sessionSecret(account));
        HttpResponse<String> unknown = new ConsoleSession(endpoint()).signIn("AKIAUNKNOWN000000000", "anything");

        // then
        assertThat(temporary.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("?refused"));
        assertThat(unknown.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("?refused"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        // given
        String account = LedgerActors.next();
        ConsoleSession browser = new ConsoleSession(endpoint());
        browser.signIn(LedgerActors.accessKeyId(account), LedgerActors.secret(account));
        browser.get("/console/");

        // when
        HttpResponse<String> signOut = browser.post("/console/sign-out", Map.of(), false);
        HttpResponse<String> signIn = new ConsoleSession(endpoint()).post("/console/sign-in",
                Map.of("accessKeyId", LedgerActors.accessKeyId(account), "secretAccessKey",
                        LedgerActors.secret(account)), false);

        // then: refused, and the session is still signed in
        assertThat(signOut.statusCode()).isEqualTo(403);
        assertThat(signOut.body()).contains("security token");
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
        assertThat(browser.post("/console/sign-out", Map.of(), true).statusCode()).isEqualTo(302);
        assertThat(browser.get("/console/").statusCode()).isEqualTo(302);
    }

    @Test
    void anAccountOfAnotherOrganizationCannotOpenAHandshakeByItsAddress() {
        // given
        String management = LedgerActors.next();
        String member = LedgerActors.next();
        String stranger = LedgerActors.next();
        String organization = createOrganization(management, OrganizationFeatureSet.ALL);
        createOrganization(stranger, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(management, member);
        ConsoleSession strangers = new ConsoleSession(endpoint());
        strangers.signIn(LedgerActors.accessKeyId(stranger), LedgerActors.secret(stranger));
        ConsoleSession members = new ConsoleSession(endpoint());
        members.signIn(LedgerActors.accessKeyId(member), LedgerActors.secret(member));

        // when
        HttpResponse<String> hidden = strangers.get("/console/handshakes/" + invitation.id());
        HttpResponse<String> unknown = strangers.get("/console/handshakes/h-0123456789abcdef0123456789abcdef");
        HttpResponse<String> seen = members.get("/console/handshakes/" + invitation.id());

        // then: the same answer as for an id that does not exist, which tells nothing of the organization
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(organization).doesNotContain(management);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains(organization).contains("OPEN");
    }

    @Test
    void onlyOperatorsOpenTheProjectionsPage() {
        // given
        ConsoleSession someone = new ConsoleSession(endpoint());
        String account = LedgerActors.next();
        someone.signIn(LedgerActors.accessKeyId(account), LedgerActors.secret(account));
        ConsoleSession operator = new ConsoleSession(endpoint());
        operator.signIn(LedgerActors.accessKeyId(LedgerActors.OPERATOR), LedgerActors.secret(LedgerActors.OPERATOR));

        // when
        HttpResponse<String> refused = someone.get("/console/projections");
        HttpResponse<String> shown = operator.get("/console/projections");

        // then
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("needs a role it does not have");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("handshake-views").contains("organization-views").contains("audit-trail");
    }

    @Test
    void aLiveStreamEndsWithTheSessionItWasOpenedIn() throws Exception {
        // given: an operator's page of projections, streaming
        ConsoleSession operator = new ConsoleSession(endpoint());
        operator.signIn(LedgerActors.accessKeyId(LedgerActors.OPERATOR), LedgerActors.secret(LedgerActors.OPERATOR));
        operator.get("/console/projections");
        CompletableFuture<List<String>> stream = operator.readStream("/console/projections/stream");
        Thread.sleep(1500);
        assertThat(stream).isNotDone();

        // when
        assertThat(operator.post("/console/sign-out", Map.of(), true).statusCode()).isEqualTo(302);

        // then: it ends on its own, having sent the projections while the session lasted
        List<String> sent = stream.get(10, TimeUnit.SECONDS);
        assertThat(sent).contains("event:projections");
        assertThat(sent).anySatisfy(line -> assertThat(line).startsWith("data:").contains("handshake-views"));
    }

    @Test
    void theConsoleCookieOpensNothingUnderLedgerAndNoPageWithoutIt() {
        // given
        ConsoleSession auditor = new ConsoleSession(endpoint());
        auditor.signIn(LedgerActors.accessKeyId(LedgerActors.AUDITOR), LedgerActors.secret(LedgerActors.AUDITOR));

        // when
        HttpResponse<String> ledger = auditor.send(HttpRequest.newBuilder(endpoint().resolve("/ledger/audit"))
                .header("Cookie", "LEDGER_CONSOLE=" + sessionId(auditor)).GET().build());
        HttpResponse<String> anonymous = new ConsoleSession(endpoint()).get("/console/audit/export?format=csv");

        // then
        assertThat(ledger.statusCode()).isEqualTo(401);
        assertThat(anonymous.statusCode()).isEqualTo(302);
    }

    @Test
    void noSecretTypedIntoTheSignInFormIsLogged(CapturedOutput output) {
        // given
        String account = LedgerActors.next();
        String wrongSecret = "wrong-" + UUID.randomUUID();

        // when: right, wrong, and the secret typed into the key id's field
        new ConsoleSession(endpoint()).signIn(LedgerActors.accessKeyId(account), LedgerActors.secret(account));
        new ConsoleSession(endpoint()).signIn(LedgerActors.accessKeyId(account), wrongSecret);
        new ConsoleSession(endpoint()).signIn(LedgerActors.secret(account), LedgerActors.secret(account));

        // then
        assertThat(output.getAll())
                .contains("Console sign-in of account " + account)
                .contains("Console sign-in refused for access key " + LedgerActors.accessKeyId(account))
                .contains("Console sign-in refused for an unknown access key id")
                .doesNotContain(LedgerActors.secret(account))
                .doesNotContain(wrongSecret);
    }

    private static String sessionId(ConsoleSession browser) {
        return browser.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("LEDGER_CONSOLE"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
