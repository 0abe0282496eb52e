package org.handshakeledger.app.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.app.auditor.StoredHandshakeEvents.StoredEvent;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.projections.audit.AuditScope;
import org.junit.jupiter.api.Test;

/** What a handshake's stored events say at each instant, and to whom. */
class HandshakeHistoryTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final HandshakeId ID = new HandshakeId("h-history00001");
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(
            new OrganizationId("o-a1b2c3d4e5"), MANAGEMENT, "management@example.com", "Management",
            FeatureSet.ALL);
    /** Stored a little after the request it came from, as the event store stamps it. */
    private static final Instant INVITED = T0.plusMillis(3);
    private static final Instant ACCEPTED = T0.plusSeconds(60).plusMillis(3);
    private static final Instant RETENTION_ENDS = T0.plusSeconds(60).plus(RETENTION);
    /** The retention's deadline fires a little late. */
    private static final Instant DELETED = RETENTION_ENDS.plusSeconds(5);

    private final HandshakeHistory accepted = new HandshakeHistory(ID.value(), List.of(
            new StoredEvent(new AccountInvitedEvent(ID, ORGANIZATION, new HandshakeParty("Member@Example.com",
                    PartyType.EMAIL), MEMBER, null, List.of(), MANAGEMENT, T0, T0.plus(Duration.ofDays(15)),
                    RETENTION, "expiry-1"), 0, INVITED),
            new StoredEvent(new HandshakeAcceptedEvent(ID, MEMBER, T0.plusSeconds(60), "retention-1"), 1, ACCEPTED),
            new StoredEvent(new HandshakeDeletedEvent(ID, RETENTION_ENDS), 2, DELETED)));

    @Test
    void anEventCountsFromItsStoredTimestampOn() {
        assertThat(accepted.at(INVITED.minusNanos(1))).isEqualTo(new HandshakeAsOf.NotYetCreated(ID.value(), INVITED));
        assertThat(stateAt(INVITED)).isEqualTo(HandshakeState.OPEN);
        assertThat(stateAt(ACCEPTED.minusNanos(1))).isEqualTo(HandshakeState.OPEN);
        assertThat(stateAt(ACCEPTED)).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(stateAt(RETENTION_ENDS.minusNanos(1))).isEqualTo(HandshakeState.ACCEPTED);
    }

    @Test
    void itIsDeletedWhenTheRetentionEndsEvenBeforeTheDeletionEventCame() {
        for (Instant at : List.of(RETENTION_ENDS, DELETED.minusNanos(1), DELETED, DELETED.plus(RETENTION))) {
            HandshakeAsOf answer = accepted.at(at);
            assertThat(answer).as("as of %s", at).isInstanceOf(HandshakeAsOf.Deleted.class);
            HandshakeAsOf.Deleted deleted = (HandshakeAsOf.Deleted) answer;
            assertThat(deleted.deletedAt()).isEqualTo(RETENTION_ENDS);
            assertThat(deleted.lastDescribed().state()).isEqualTo(HandshakeState.ACCEPTED);
        }
    }

    @Test
    void aPendingHandshakePastItsExpiryIsExpired() {
        HandshakeHistory pending = new HandshakeHistory(ID.value(), invitationOnly());

        assertThat(((HandshakeAsOf.Described) pending.at(T0.plus(Duration.ofDays(15)))).view().state())
                .isEqualTo(HandshakeState.EXPIRED);
        // and hidden once the retention after the expiry ended, with no event at all
        assertThat(pending.at(T0.plus(Duration.ofDays(15)).plus(RETENTION)))
                .isInstanceOf(HandshakeAsOf.Deleted.class);
    }

    @Test
    void onlyAuditorsTheOrganizationAndThePartiesSeeIt() {
        String stranger = "333333333333";
        assertThat(accepted.visibleTo(AuditScope.auditor(), null)).isTrue();
        assertThat(accepted.visibleTo(new AuditScope(false, "o-a1b2c3d4e5", "444444444444"), null)).isTrue();
        assertThat(accepted.visibleTo(new AuditScope(false, null, MANAGEMENT.value()), null)).isTrue();
        assertThat(accepted.visibleTo(new AuditScope(false, null, MEMBER.value()), null)).isTrue();
        assertThat(accepted.visibleTo(new AuditScope(false, null, stranger), "member@EXAMPLE.com")).isTrue();
        assertThat(accepted.visibleTo(new AuditScope(false, null, stranger), "other@example.com")).isFalse();
        assertThat(accepted.visibleTo(new AuditScope(false, "o-zzzzzzzzzz", stranger), null)).isFalse();
        assertThat(new HandshakeHistory(ID.value(), List.of()).visibleTo(AuditScope.auditor(), null)).isFalse();
    }

    @Test
    void theEventTimesAreTheStopsOfATimeSlider() {
        assertThat(accepted.eventTimes()).containsExactly(INVITED, ACCEPTED, DELETED);
        assertThat(accepted.createdAt()).isEqualTo(INVITED);
    }

    private List<StoredEvent> invitationOnly() {
        return List.of(new StoredEvent(new AccountInvitedEvent(ID, ORGANIZATION, new HandshakeParty(MEMBER.value(),
                PartyType.ACCOUNT), MEMBER, null, List.of(), MANAGEMENT, T0, T0.plus(Duration.ofDays(15)),
                RETENTION, "expiry-1"), 0, INVITED));
    }

    private HandshakeState stateAt(Instant at) {
        return ((HandshakeAsOf.Described) accepted.at(at)).view().state();
    }
}
