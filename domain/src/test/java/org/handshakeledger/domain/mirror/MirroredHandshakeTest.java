package org.handshakeledger.domain.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MirroredHandshakeTest {
    private static final Upstream UPSTREAM = new Upstream("http://upstream:8282", "us-east-1", "o-upstream11",
            "111111111111");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(300);
    private static final String ID = "h-mirrored1";
    private static final String MIRROR_ID = MirroredHandshakeAggregate.idOf(ID);

    private AggregateTestFixture<MirroredHandshakeAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MirroredHandshakeAggregate.class);
    }

    @Test
    void aHandshakeSeenForTheFirstTimeIsRecordedAsSeen() {
        fixture.givenNoPriorActivity()
                .when(new ObserveHandshakeCommand(UPSTREAM, handshake("OPEN"), T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0));
    }

    @Test
    void seeingItUnchangedRecordsNothing() {
        fixture.given(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0))
                .when(new ObserveHandshakeCommand(UPSTREAM, handshake("OPEN"), T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangeOfStateIsRecordedWithTheStateBefore() {
        fixture.given(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0))
                .when(new ObserveHandshakeCommand(UPSTREAM, handshake("ACCEPTED"), T1))
                .expectEvents(new MirroredHandshakeChangedEvent(ID, UPSTREAM, "OPEN", handshake("ACCEPTED"), T1));
    }

    @Test
    void aChangeOfContentOtherThanTheStateIsRecordedToo() {
        ObservedHandshake renamed = new ObservedHandshake(ID, arn(), "INVITE", "OPEN", parties(),
                List.of(new ObservedHandshake.Resource("NOTES", "welcome, again", List.of())), T0,
                T0.plusSeconds(86_400));
        fixture.given(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0))
                .when(new ObserveHandshakeCommand(UPSTREAM, renamed, T1))
                .expectEvents(new MirroredHandshakeChangedEvent(ID, UPSTREAM, "OPEN", renamed, T1));
    }

    @Test
    void aHandshakeNoLongerListedVanishesOnce() {
        fixture.given(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0),
                        new MirroredHandshakeChangedEvent(ID, UPSTREAM, "OPEN", handshake("ACCEPTED"), T0))
                .when(ObserveHandshakeVanishedCommand.of(ID, UPSTREAM, T1))
                .expectEvents(new MirroredHandshakeVanishedEvent(ID, UPSTREAM, "ACCEPTED", T1));

        fixture.given(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0),
                        new MirroredHandshakeVanishedEvent(ID, UPSTREAM, "OPEN", T0))
                .when(ObserveHandshakeVanishedCommand.of(ID, UPSTREAM, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aVanishedHandshakeListedAgainIsSeenAgain() {
        fixture.given(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T0),
                        new MirroredHandshakeVanishedEvent(ID, UPSTREAM, "OPEN", T0))
                .when(new ObserveHandshakeCommand(UPSTREAM, handshake("OPEN"), T1))
                .expectEvents(new MirroredHandshakeFirstSeenEvent(ID, UPSTREAM, handshake("OPEN"), T1));
    }

    @Test
    void theObservedHandshakeKnowsItsOrganizationAndManagementAccount() {
        ObservedHandshake seen = handshake("OPEN");
        assertThat(seen.organizationId()).isEqualTo("o-upstream11");
        assertThat(seen.managementAccountId()).isEqualTo("111111111111");
        assertThat(seen.party("ACCOUNT")).isEqualTo("222222222222");
    }

    private static ObservedHandshake handshake(String state) {
        return new ObservedHandshake(ID, arn(), "INVITE", state, parties(),
                List.of(new ObservedHandshake.Resource("ORGANIZATION", "o-upstream11",
                                List.of(new ObservedHandshake.Resource("MASTER_EMAIL", "mgmt@example.com", null))),
                        new ObservedHandshake.Resource("ACCOUNT", "222222222222", List.of())),
                T0, T0.plusSeconds(86_400));
    }

    private static String arn() {
        return "arn:aws:organizations::111111111111:handshake/o-upstream11/invite/" + ID;
    }

    private static List<ObservedHandshake.Party> parties() {
        return List.of(new ObservedHandshake.Party("o-upstream11", "ORGANIZATION"),
                new ObservedHandshake.Party("222222222222", "ACCOUNT"));
    }
}
