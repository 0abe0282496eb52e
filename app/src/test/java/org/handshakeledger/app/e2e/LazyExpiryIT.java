package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Reads and writes that arrive after a deadline but before the scheduler ran it (spec §5.7): the scheduler here
 * polls once an hour, so nothing fires during the test, yet every answer must already reflect the passed time.
 */
@TestPropertySource(properties = {
    "ledger.handshake.invite-expiry=PT2S",
    "ledger.handshake.retention=PT2S",
    "ledger.limits.accounts-per-organization=2",
    "db-scheduler.polling-interval=1h"
})
class LazyExpiryIT extends AbstractLedgerIT {
    @Autowired
    JdbcTemplate jdbc;

    private EventStoreProbe store;

    @BeforeEach
    void probe() {
        store = new EventStoreProbe(jdbc);
    }

    @Test
    void anInvitationPastItsExpiryIsExpiredForReadsAndWritesBeforeTheDeadlineFires() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);

        // when
        EventStoreProbe.sleepUntil(invitation.expirationTimestamp().plusMillis(100));

        // then
        assertThat(store.eventTypes(invitation.id())).containsExactly("AccountInvitedEvent");
        assertThat(client(a).describeHandshake(r -> r.handshakeId(invitation.id())).handshake().state())
                .isEqualTo(HandshakeState.EXPIRED);
        assertThat(client(m).listHandshakesForOrganization().handshakes()).extracting(Handshake::state)
                .containsExactly(HandshakeState.EXPIRED);
        assertThatThrownBy(() -> client(a).acceptHandshake(r -> r.handshakeId(invitation.id())))
                .isInstanceOf(InvalidHandshakeTransitionException.class);
        assertThatThrownBy(() -> client(m).cancelHandshake(r -> r.handshakeId(invitation.id())))
                .isInstanceOf(InvalidHandshakeTransitionException.class);
    }

    @Test
    void anExpiredInvitationFreesItsQuotaSlotBeforeTheDeadlineFires() {
        // given an organization of 2 accounts: the management account and one open invitation
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);
        assertThatThrownBy(() -> invite(m, LedgerActors.next()))
                .isInstanceOfSatisfying(HandshakeConstraintViolationException.class,
                        e -> assertThat(e.reasonAsString()).isEqualTo("ACCOUNT_NUMBER_LIMIT_EXCEEDED"));

        // when
        EventStoreProbe.sleepUntil(invitation.expirationTimestamp().plusMillis(100));

        // then the slot and the target are free again
        Handshake again = client(m).inviteAccountToOrganization(r -> r.target(t -> t.id(LedgerActors.email(a))
                .type(HandshakePartyType.EMAIL))).handshake();
        assertThat(again.state()).isEqualTo(HandshakeState.OPEN);
    }

    @Test
    void aSettledHandshakePastItsRetentionIsGoneBeforeTheDeadlineFires() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        Handshake invitation = invite(m, a);
        Instant canceledAt = Instant.now();
        client(m).cancelHandshake(r -> r.handshakeId(invitation.id()));

        // when
        EventStoreProbe.sleepUntil(canceledAt.plusSeconds(3));

        // then
        assertThat(store.eventTypes(invitation.id())).doesNotContain("HandshakeDeletedEvent");
        assertThatThrownBy(() -> client(m).describeHandshake(r -> r.handshakeId(invitation.id())))
                .isInstanceOf(HandshakeNotFoundException.class);
        assertThat(client(m).listHandshakesForOrganization().handshakes()).isEmpty();
        assertThat(client(a).listHandshakesForAccount().handshakes()).isEmpty();
    }
}
