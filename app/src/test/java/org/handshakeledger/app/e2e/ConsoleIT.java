package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.app.console.ConsoleBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * The web console in a real headless Chromium, as an auditor or operator uses it: signing in, finding a handshake,
 * watching its timeline grow while the handshake is accepted through the AWS SDK, looking at it before the accept,
 * downloading an export, verifying the trail, and rebuilding a view; and what it refuses (a wrong secret, another
 * organization's handshake, a form without its CSRF token). Each main page is saved as a screenshot under
 * {@code app/target/console-screenshots/}.
 */
@Tag(ConsoleBrowser.TAG)
// a context of its own: it rebuilds a view, which no other test should see happen under it
@TestPropertySource(properties = "ledger.replay.batch-size=100")
class ConsoleIT extends AbstractLedgerIT {
    private static final Duration LIVE = Duration.ofSeconds(15);

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @BeforeEach
    void freshSession() {
        browser.baseUrl(endpoint().toString());
        browser.open("/console/sign-in");
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anAuditorFindsAHandshakeAndSeesItsAcceptArriveAndWhatItWasBefore() {
        // given: an invitation waiting for its answer
        String management = LedgerActors.next();
        String member = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(management, member);

        // when: the auditor signs in and searches for it by id
        signIn(LedgerActors.AUDITOR, true);
        browser.screenshot("organizations");
        browser.visible(By.linkText("Handshakes")).click();
        browser.visible(By.cssSelector("table.handshakes"));
        browser.screenshot("handshakes");
        browser.visible(By.id("id")).sendKeys(invitation.id(), Keys.ENTER);

        // then: its timeline, open
        browser.await(driver -> driver.getCurrentUrl().endsWith("/console/handshakes/" + invitation.id()));
        awaitTimeline(1);
        browser.await(driver -> "OPEN".equals(nowState()));

        // when: the member accepts through the AWS SDK, while the page stays open
        ((JavascriptExecutor) browser.driver()).executeScript("window.stillTheSamePage = true;");
        client(member).acceptHandshake(r -> r.handshakeId(invitation.id()));

        // then: the accept appears without a reload, with the member's joining that it caused
        browser.await(LIVE).until(driver -> String.valueOf(timelineEvents()).contains("HandshakeAcceptedEvent")
                && timelineEvents().contains("AccountJoinedOrganizationEvent"));
        browser.await(driver -> "ACCEPTED".equals(nowState()));
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.stillTheSamePage === true;"))
                .isEqualTo(true);
        WebElement accepted = browser.driver().findElements(By.cssSelector("#timeline li[data-state='ACCEPTED']"))
                .get(0);
        assertThat(accepted.getText()).contains("account " + member).contains(LedgerActors.accessKeyId(member))
                .contains("Request id");
        browser.screenshot("timeline");

        // when: the time picker goes to a moment before the accept
        Instant acceptedAt = Instant.parse(accepted.getAttribute("data-time"));
        WebElement at = browser.visible(By.id("at"));
        at.clear();
        at.sendKeys(acceptedAt.minusMillis(1).toString());
        browser.visible(By.cssSelector("#moment-form button[type=submit]")).click();

        // then: it was open then
        browser.await(driver -> "OPEN".equals(asOfState()));
        browser.screenshot("timeline-as-of");

        // when: the slider moves to its first stop, the invitation
        WebElement slider = browser.visible(By.id("moment-slider"));
        slider.sendKeys(Keys.HOME);

        // then
        browser.await(driver -> "OPEN".equals(asOfState()));
        assertThat(browser.visible(By.id("at")).getAttribute("value"))
                .isEqualTo(browser.driver().findElement(By.cssSelector("#timeline li[data-state='OPEN']"))
                        .getAttribute("data-time"));
        slider.sendKeys(Keys.END);
        browser.await(driver -> "ACCEPTED".equals(asOfState()));

        // when: a moment that has not come yet
        WebElement moment = browser.visible(By.id("at"));
        moment.clear();
        moment.sendKeys("2999-01-01T00:00:00Z");
        browser.visible(By.cssSelector("#moment-form button[type=submit]")).click();

        // then: the refusal, in place
        browser.await(driver -> String.valueOf(textOf(By.cssSelector("#as-of .problem"))).contains("in the future"));
    }

    @Test
    void anAuditorDownloadsTheExportAndVerifiesTheTrail() throws Exception {
        // given: a handshake, and a signed digest of the trail
        String management = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(management, LedgerActors.next());
        OperatorHttp auditor = OperatorHttp.as(new LedgerHttp(port), LedgerActors.AUDITOR);
        browser.await(LIVE).until(driver -> auditor.get("/ledger/audit?handshakeId=" + invitation.id())
                .body().contains(invitation.id()));
        assertThat(auditor.post("/ledger/audit/digests").status()).isEqualTo(201);

        // when
        signIn(LedgerActors.AUDITOR, true);
        browser.visible(By.linkText("Audit trail")).click();
        browser.visible(By.id("digest"));
        browser.screenshot("audit");
        browser.visible(By.id("export-csv")).click();

        // then: a CSV file with the handshake's records
        Path csv = browser.awaitDownload("audit-trail-*.csv", LIVE);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("seq,");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(invitation.id())
                .contains("InviteAccountToOrganization"));

        // when
        browser.visible(By.id("verify")).click();

        // then
        WebElement verification = browser.visible(By.id("verification"));
        assertThat(verification.getText()).startsWith("Valid").contains("signed digests checked");
        browser.screenshot("audit-verified");
    }

    @Test
    void aWrongSecretCannotSignIn() {
        // when
        browser.open("/console/sign-in");
        browser.visible(By.id("accessKeyId")).sendKeys(LedgerActors.accessKeyId(LedgerActors.AUDITOR));
        browser.visible(By.id("secretAccessKey")).sendKeys("not-the-secret", Keys.ENTER);

        // then
        browser.await(driver -> driver.getCurrentUrl().endsWith("/console/sign-in?refused"));
        assertThat(browser.pageText()).contains("The access key id or the secret is not right.");
        browser.screenshot("sign-in-refused");
        browser.open("/console/");
        browser.await(driver -> driver.getCurrentUrl().endsWith("/console/sign-in"));
    }

    @Test
    void anAccountOfAnotherOrganizationCannotOpenTheHandshakeByItsAddress() {
        // given
        String management = LedgerActors.next();
        String stranger = LedgerActors.next();
        String organization = createOrganization(management, OrganizationFeatureSet.ALL);
        createOrganization(stranger, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(management, LedgerActors.next());
        signIn(stranger, true);

        // when
        browser.open("/console/handshakes/" + invitation.id());

        // then
        browser.visible(By.tagName("h1"));
        assertThat(browser.pageText()).contains("404").doesNotContain(organization)
                .doesNotContain("InviteAccountToOrganization");
        browser.screenshot("not-found");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        // given: signed in, on a page with the sign-out form
        signIn(LedgerActors.next(), false);
        browser.visible(By.cssSelector("form.who"));

        // when: the form goes without its token
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelectorAll('input[name=_csrf]').forEach(input => input.remove());");
        browser.visible(By.cssSelector("form.who button")).click();

        // then: refused, and still signed in
        browser.await(driver -> browser.pageText().contains("403"));
        assertThat(browser.pageText()).contains("security token");
        browser.screenshot("csrf-refused");
        browser.open("/console/");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/");
        assertThat(browser.pageText()).contains("Sign out");
    }

    @Test
    void anOperatorWatchesTheProjectionsLiveAndRebuildsAViewAfterConfirming() {
        // given
        signIn(LedgerActors.OPERATOR, true);
        browser.visible(By.linkText("Projections")).click();
        WebElement head = browser.visible(By.id("head"));
        browser.await(driver -> browser.pageText().contains("Updated live"));
        long headBefore = Long.parseLong(head.getText());

        // when: events arrive while the page is open
        createOrganization(LedgerActors.next(), OrganizationFeatureSet.ALL);

        // then: the head moves without a reload
        browser.await(LIVE).until(driver -> Long.parseLong(driver.findElement(By.id("head")).getText())
                > headBefore);
        browser.screenshot("projections");

        // when: a rebuild, confirmed
        browser.visible(By.id("rebuild-handshake-views")).click();
        browser.visible(By.id("confirm-rebuild"));
        browser.screenshot("rebuild-confirm");
        browser.visible(By.id("confirm-rebuild")).click();

        // then: started, and its progress arrives live until it completes
        assertThat(browser.visible(By.cssSelector("p.notice")).getText())
                .contains("The rebuild of handshake-views has started.");
        browser.await(LIVE).until(driver -> "COMPLETED".equals(driver.findElement(
                By.cssSelector("tr[data-name='handshake-views'] [data-field='rebuild']")).getText()));
        assertThat(browser.driver().findElement(By.cssSelector(
                "tr[data-name='handshake-views'] [data-field='percent-text']")).getText()).isEqualTo("100 %");
    }

    private void signIn(String account, boolean screenshotTheForm) {
        browser.open("/console/sign-in");
        if (screenshotTheForm) {
            browser.screenshot("sign-in");
        }
        browser.visible(By.id("accessKeyId")).sendKeys(LedgerActors.accessKeyId(account));
        browser.visible(By.id("secretAccessKey")).sendKeys(LedgerActors.secret(account), Keys.ENTER);
        browser.await(driver -> driver.getCurrentUrl().endsWith("/console/"));
    }

    private void awaitTimeline(int records) {
        browser.await(LIVE).until(driver -> driver.findElements(By.cssSelector("#timeline li")).size() >= records);
    }

    private String timelineEvents() {
        return textOf(By.id("timeline"));
    }

    private String nowState() {
        return textOf(By.cssSelector("#live .handshake-card .state"));
    }

    private String asOfState() {
        return textOf(By.cssSelector("#as-of .handshake-card .state"));
    }

    /** The element's text, or null while there is none: the live parts of a page are replaced as they change. */
    private static String textOf(By locator) {
        try {
            List<WebElement> found = browser.driver().findElements(locator);
            return found.isEmpty() ? null : found.get(0).getText();
        } catch (StaleElementReferenceException replacedMeanwhile) {
            return null;
        }
    }
}
