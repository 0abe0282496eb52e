package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Expiry and retention deletion driven by the durable deadlines, with short lifetimes and a fast scheduler:
 * the events must really be in the store, not only look right through the lazily evaluated views.
 */
@TestPropertySource(properties = {
    "ledger.handshake.invite-expiry=PT2S",
    "ledger.handshake.all-features-expiry=PT3S",
    "ledger.handshake.retention=PT3S",
    "db-scheduler.polling-interval=200ms"
})
class HandshakeDeadlinesIT extends AbstractLedgerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Pattern SCHEDULE_ID = Pattern.compile("\"(expiry|retention)ScheduleId\":\"([^\"]+)\"");

    @Autowired
    JdbcTemplate jdbc;

    private EventStoreProbe store;

    @BeforeEach
    void probe() {
        store = new EventStoreProbe(jdbc);
    }

    @Test
    void anUnansweredInvitationExpiresAndIsDeletedByItsDeadlines() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);

        // when
        List<String> events = store.awaitEvents(invitation.id(), e -> e.contains("HandshakeDeletedEvent"), PATIENCE);

        // then
        assertThat(events).containsExactly("AccountInvitedEvent", "HandshakeExpiredEvent", "HandshakeDeletedEvent");
        assertThatThrownBy(() -> client(m).describeHandshake(r -> r.handshakeId(invitation.id())))
                .isInstanceOf(HandshakeNotFoundException.class);
        assertThat(client(m).listHandshakesForOrganization().handshakes()).isEmpty();
        assertThat(client(a).listHandshakesForAccount().handshakes()).isEmpty();
    }

    @Test
    void anExpiredInvitationReadsExpiredUntilItsRetentionEnds() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);

        // when
        store.awaitEvents(invitation.id(), e -> e.contains("HandshakeExpiredEvent"), PATIENCE);

        // then
        Handshake expired = client(a).describeHandshake(r -> r.handshakeId(invitation.id())).handshake();
        assertThat(expired.state()).isEqualTo(HandshakeState.EXPIRED);
        assertThat(expired.expirationTimestamp()).isEqualTo(invitation.expirationTimestamp());
    }

    @Test
    void answeringCancelsTheExpiryDeadlineByItsIdAndSchedulesDeletion() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);
        String expiryId = scheduleId(store.payload(invitation.id(), "AccountInvitedEvent"));
        assertThat(store.isScheduled(expiryId)).isTrue();

        // when
        client(a).declineHandshake(r -> r.handshakeId(invitation.id()));

        // then
        assertThat(store.isScheduled(expiryId)).isFalse();
        String retentionId = scheduleId(store.payload(invitation.id(), "HandshakeDeclinedEvent"));
        assertThat(store.isScheduled(retentionId)).isTrue();
        List<String> events = store.awaitEvents(invitation.id(), e -> e.contains("HandshakeDeletedEvent"), PATIENCE);
        assertThat(events).containsExactly("AccountInvitedEvent", "HandshakeDeclinedEvent", "HandshakeDeletedEvent");
    }

    @Test
    void anAcceptedInvitationIsDeletedButTheAccountStaysAMember() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);
        client(a).acceptHandshake(r -> r.handshakeId(invitation.id()));

        // when
        store.awaitEvents(invitation.id(), e -> e.contains("HandshakeDeletedEvent"), PATIENCE);

        // then
        assertThatThrownBy(() -> client(a).acceptHandshake(r -> r.handshakeId(invitation.id())))
                .isInstanceOf(HandshakeNotFoundException.class);
        assertThat(client(m).listAccounts().accounts()).extracting(account -> account.id()).contains(a);
    }

    @Test
    void theAllFeaturesRequestAndItsOpenApprovalsExpireTogetherAndInvitationsWorkAgain() {
        // given
        String m = LedgerActors.next();
        String c = LedgerActors.next();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = client(m).enableAllFeatures(r -> { }).handshake();
        Handshake child = client(c).listHandshakesForAccount(r -> r.filter(f -> f.actionType(
                ActionType.APPROVE_ALL_FEATURES))).handshakes().get(0);

        // when
        List<String> parentEvents = store.awaitEvents(parent.id(), e -> e.contains("HandshakeExpiredEvent"), PATIENCE);
        List<String> childEvents = store.awaitEvents(child.id(), e -> e.contains("HandshakeExpiredEvent"), PATIENCE);

        // then
        assertThat(parentEvents).containsSubsequence("AllFeaturesRequestedEvent", "HandshakeExpiredEvent");
        assertThat(childEvents).containsSubsequence("AllFeaturesApprovalRequestedEvent", "HandshakeExpiredEvent");
        assertThat(childEvents).doesNotContain("HandshakeCanceledEvent");
        Handshake invitation = invite(m, LedgerActors.next());
        assertThat(invitation.state()).isEqualTo(HandshakeState.OPEN);
    }

    private static String scheduleId(String payload) {
        Matcher matcher = SCHEDULE_ID.matcher(payload);
        assertThat(matcher.find()).as("a schedule id in %s", payload).isTrue();
        return matcher.group(2);
    }
}
