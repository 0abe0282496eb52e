package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.handshakeledger.app.store.ViewSwapLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeAlreadyInStateException;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * Rebuilding views from the event store while the service answers (issue 6), through the operator endpoints and
 * the AWS SDK: a rebuilt view has the same checksum as before, reads during a rebuild see the whole previous view,
 * writes during a rebuild are kept, and one rebuild runs at a time.
 */
class ProjectionRebuildIT extends HandshakeITSupport {
    @Autowired
    ViewSwapLock swapLock;

    private LedgerHttp http;
    private OperatorHttp operator;

    @BeforeEach
    void operator() {
        http = new LedgerHttp(port);
        operator = OperatorHttp.as(http, LedgerActors.OPERATOR);
    }

    @Test
    void everyViewIsRebuiltToTheSameContent() {
        String management = history();
        List<Handshake> listedBefore = sentBy(management);
        operator.awaitAuditTrailCaughtUp();
        Map<String, String> before = operator.checksums();

        for (String view : OperatorHttp.VIEWS) {
            RawSignedRequests.Response started = operator.replay(view);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.json().path("view").asText()).isEqualTo(view);
            JsonNode done = operator.awaitRebuilt(view);
            assertThat(done.path("percent").asDouble()).isEqualTo(100.0);
            assertThat(done.path("position").asLong()).isEqualTo(done.path("head").asLong());
        }

        assertThat(operator.checksums()).isEqualTo(before);
        assertThat(sentBy(management)).isEqualTo(listedBefore);
        JsonNode verified = http.get(LedgerActors.AUDITOR, "/ledger/audit/verify").json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        JsonNode listed = operator.projection("handshake-views");
        assertThat(listed.path("lag").asLong()).isZero();
        assertThat(listed.path("replaying").asBoolean()).isFalse();
    }

    @Test
    void readsDuringARebuildSeeTheWholePreviousView() {
        String management = history();
        List<Handshake> expected = sentBy(management);
        Handshake accepted = expected.stream().filter(h -> h.state() == HandshakeState.ACCEPTED).findFirst()
                .orElseThrow();

        assertThat(operator.replay("handshake-views").status()).isEqualTo(202);
        int readsDuringRebuild = 0;
        while (!rebuildFinished("handshake-views")) {
            assertThat(sentBy(management)).isEqualTo(expected);
            assertThat(describe(management, accepted.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
            readsDuringRebuild++;
        }
        operator.awaitRebuilt("handshake-views");
        assertThat(readsDuringRebuild).isPositive();
        assertThat(sentBy(management)).isEqualTo(expected);
    }

    @Test
    void writesDuringARebuildAreKept() {
        String management = fresh();
        consolidatedBillingOrganization(management);
        List<String> invited = new ArrayList<>();

        assertThat(operator.replay("handshake-views").status()).isEqualTo(202);
        // a few invitations while the rebuild runs, up to its swap; the organization has room for them all
        while (invited.size() < 3 || invited.size() < 40 && !rebuildFinished("handshake-views")) {
            invited.add(inviteAccount(management, fresh()).id());
        }
        operator.awaitRebuilt("handshake-views");

        assertThat(sentBy(management)).extracting(Handshake::id).containsExactlyInAnyOrderElementsOf(invited);
        invited.forEach(id -> assertThat(describe(management, id).state()).isEqualTo(HandshakeState.OPEN));
        // rebuilding again, with nothing written meanwhile, gives the very same view
        String afterFirst = operator.checksum("handshake-views");
        assertThat(operator.replay("handshake-views").status()).isEqualTo(202);
        operator.awaitRebuilt("handshake-views");
        assertThat(operator.checksum("handshake-views")).isEqualTo(afterFirst);
    }

    @Test
    void aSecondReplayWhileOneRunsIsRefused() {
        // holding the lock keeps the running rebuild from being swapped in, so it is surely still running
        swapLock.shared(() -> {
            assertThat(operator.replay("organization-views").status()).isEqualTo(202);
            RawSignedRequests.Response second = operator.replay("handshake-views");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.errorType()).isEqualTo("RebuildInProgressException");
            assertThat(second.json().path("Message").asText()).contains("organization-views");
            return null;
        });
        operator.awaitRebuilt("organization-views");
        assertThat(operator.replay("handshake-views").status()).isEqualTo(202);
        operator.awaitRebuilt("handshake-views");
    }

    @Test
    void onlyOperatorsMayListCheckOrRebuild() {
        String stranger = fresh();
        OperatorHttp notAnOperator = OperatorHttp.as(http, stranger);
        RawSignedRequests.Response refused = notAnOperator.replay("handshake-views");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorType()).isEqualTo("AccessDeniedException");
        assertThat(http.get(stranger, "/ledger/projections").status()).isEqualTo(403);
        assertThat(http.get(LedgerActors.AUDITOR, "/ledger/projections/audit-trail/checksum").status())
                .isEqualTo(403);
        assertThat(http.unsigned("POST", "/ledger/projections/handshake-views/replay").status()).isEqualTo(401);

        RawSignedRequests.Response unknown = operator.replay("no-such-view");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorType()).isEqualTo("NotFoundException");
        RawSignedRequests.Response wrongMethod = operator.get("/ledger/projections/handshake-views/replay");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("POST");
    }

    @AfterEach
    void noRebuildLeftRunning() {
        OperatorHttp.await("every rebuild to finish", () -> Arrays.stream(OperatorHttp.VIEWS)
                .allMatch(view -> operator.projection(view).path("rebuild").isNull() || rebuildFinished(view)));
    }

    private boolean rebuildFinished(String view) {
        return operator.projection(view).path("rebuild").path("state").asText().matches("COMPLETED|FAILED");
    }

    /**
     * A small but complete history: invitations answered every way, one with tags, a member removed, and a refused
     * request. Returns the management account.
     */
    private String history() {
        String management = fresh();
        createOrganization(management, OrganizationFeatureSet.ALL);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String account = fresh();
            Handshake invitation = i == 0 ? inviteAccount(management, account, Tag.builder().key("team")
                    .value("platform").build()) : inviteAccount(management, account);
            switch (i % 4) {
                case 0 -> {
                    accept(account, invitation.id());
                    members.add(account);
                }
                case 1 -> decline(account, invitation.id());
                case 2 -> cancel(management, invitation.id());
                default -> { }
            }
        }
        String accepted = receivedBy(members.get(0)).stream().max(Comparator.comparing(Handshake::requestedTimestamp))
                .orElseThrow().id();
        failureOf(HandshakeAlreadyInStateException.class, () -> accept(members.get(0), accepted));
        as(management).removeAccountFromOrganization(r -> r.accountId(members.get(1)));
        return management;
    }
}
