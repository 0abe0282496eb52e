package org.handshakeledger.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.handshakeledger.app.e2e.AbstractLedgerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browser tests' own machinery, without the console: Chromium starts from Debian's binaries, reads a page of the
 * running ledger, saves screenshots where the README says, and downloads into {@link ConsoleBrowser#downloads()}.
 * One browser for the class (a static extension), which is what a start costs once.
 */
@Tag(ConsoleBrowser.TAG)
class ConsoleBrowserIT extends AbstractLedgerIT {
    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @LocalServerPort
    int serverPort;

    @BeforeEach
    void at() {
        browser.baseUrl("http://127.0.0.1:" + serverPort);
    }

    @Test
    void readsAPageOfTheLedgerAndSavesAScreenshot() throws Exception {
        // when
        browser.open("/actuator/health");
        System.out.println("ConsoleBrowser: Chromium up in " + browser.startUpTime().toMillis() + " ms");

        // then
        browser.await(driver -> browser.pageText().contains("\"status\""));
        assertThat(browser.pageText()).contains("\"status\":\"UP\"");
        Path png = browser.screenshot("console-browser-self-test");
        assertThat(png).isEqualTo(Path.of("target", "console-screenshots", "console-browser-self-test.png"));
        assertThat(png.toAbsolutePath().getParent().getParent().getParent().resolve("pom.xml")).exists();
        assertThat(Files.size(png)).isGreaterThan(0);
        byte[] header = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.read(header)).isEqualTo(8);
        }
        assertThat(header).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void downloadsIntoItsDownloadDirectory() throws Exception {
        // given: a page of the ledger with a link to a file, as the console's exports will be
        browser.open("/actuator/health");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("""
                const a = document.createElement('a');
                a.id = 'export';
                a.href = URL.createObjectURL(new Blob(['id,name\\n1,one\\n'], {type: 'text/csv'}));
                a.download = 'self-test-export.csv';
                a.textContent = 'export';
                document.body.appendChild(a);
                """);

        // when
        browser.visible(By.id("export")).click();

        // then
        Path file = browser.awaitDownload("self-test-*.csv", ConsoleBrowser.DEFAULT_WAIT);
        assertThat(file.getParent()).isEqualTo(browser.downloads());
        assertThat(Files.readString(file)).isEqualTo("id,name\n1,one\n");
    }
}
