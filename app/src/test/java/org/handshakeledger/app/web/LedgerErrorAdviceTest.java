package org.handshakeledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auth.AuthenticationFailedException;
import org.handshakeledger.app.auth.TooManyRequestsException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The one error contract of the /ledger endpoints, whatever the controller throws and whenever. */
class LedgerErrorAdviceTest {

    @RestController
    @LedgerEndpoint
    static class FailingEndpoint {
        @GetMapping("/ledger/refused")
        void refused() {
            throw new LedgerException(LedgerError.TOO_MANY_STREAMS, "Too many event streams are open.");
        }

        @GetMapping("/ledger/unsigned")
        void unsigned() {
            throw new AuthenticationFailedException(AuthenticationFailedException.MISSING_AUTHENTICATION_TOKEN,
                    "Missing Authentication Token");
        }

        @GetMapping("/ledger/badly-signed")
        void badlySigned() {
            throw new AuthenticationFailedException(AuthenticationFailedException.INVALID_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided.");
        }

        @GetMapping("/ledger/throttled")
        void throttled() {
            throw new TooManyRequestsException(Duration.ofMillis(1200));
        }

        @GetMapping("/ledger/broken")
        void broken() {
            throw new IllegalStateException("a bug with a secret detail");
        }

        @GetMapping("/ledger/broken-midway")
        void brokenMidway(HttpServletResponse response) throws IOException {
            response.getOutputStream().write("data: first\n\n".getBytes());
            response.flushBuffer();
            throw new IllegalStateException("the store went away");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingEndpoint())
            .setControllerAdvice(new LedgerErrorAdvice())
            .addFilters(new LedgerRequestHeaders())
            .build();

    @Test
    void aRefusalIsAnsweredWithItsReasonsStatusAndType() throws Exception {
        mvc.perform(get("/ledger/refused"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.__type").value("ServiceUnavailableException"))
                .andExpect(jsonPath("$.Message").value("Too many event streams are open."))
                .andExpect(header().exists(LedgerRequestHeaders.REQUEST_ID))
                .andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void aMissingSignatureIs401AndABadOne403WithAwsErrorCodes() throws Exception {
        mvc.perform(get("/ledger/unsigned"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.__type").value("MissingAuthenticationTokenException"));
        mvc.perform(get("/ledger/badly-signed"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.__type").value("InvalidSignatureException"));
    }

    @Test
    void aThrottledRequestIs429WithTheSecondsToWait() throws Exception {
        mvc.perform(get("/ledger/throttled"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.__type").value("TooManyRequestsException"))
                .andExpect(jsonPath("$.Message").value("Rate exceeded"))
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(header().exists(LedgerRequestHeaders.REQUEST_ID));
    }

    @Test
    void anUnexpectedFailureIsA500NamingTheRequestAndNothingElse() throws Exception {
        var result = mvc.perform(get("/ledger/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.__type").value("ServiceException"))
                .andReturn();
        String requestId = result.getResponse().getHeader(LedgerRequestHeaders.REQUEST_ID);
        String body = result.getResponse().getContentAsString();
        assertThat(body).contains("(request " + requestId + ")").doesNotContain("secret")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void aFailureAfterTheResponseStartedBreaksTheResponseInsteadOfAppendingAnErrorBody() {
        assertThatThrownBy(() -> mvc.perform(get("/ledger/broken-midway")))
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }
}
