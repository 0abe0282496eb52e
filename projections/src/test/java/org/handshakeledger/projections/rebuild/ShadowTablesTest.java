package org.handshakeledger.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.projections.organization.AccountViewRepository;
import org.handshakeledger.projections.organization.OrganizationViewProjection;
import org.handshakeledger.projections.organization.OrganizationViewRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The table mechanics of a rebuild on the real schema: handlers on a rebuild thread write only the shadow tables,
 * the swap makes them live (foreign keys included), and the checksum depends on content alone. The tables are
 * renamed, which no test transaction could roll back, so this test commits and cleans up after itself.
 */
@DataJpaTest(showSql = false)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ShadowTablesTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(new OrganizationId("o-a1b2c3d4e5"),
            new AccountId("111111111111"), "management@example.com", "Management", FeatureSet.ALL);

    @Autowired
    private OrganizationViewRepository organizations;
    @Autowired
    private AccountViewRepository accounts;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private ViewTableSwap tables;
    private ViewChecksum checksums;
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(transactionManager);
        tables = new ViewTableSwap(dataSource);
        checksums = new ViewChecksum(dataSource);
        // the handlers as an event processor calls them
        projection = new AnnotationEventHandlerAdapter(new OrganizationViewProjection(organizations, accounts));
    }

    @AfterEach
    void emptyBothTablesOfEachPair() {
        for (ViewTable table : RebuildableView.ORGANIZATION_VIEWS.tables()) {
            jdbc.update("DELETE FROM " + table.name());
            jdbc.update("DELETE FROM " + table.shadow());
        }
    }

    @Test
    void sqlOfARebuildNamesTheShadowTables() {
        assertThat(ShadowTables.toShadow("select a1_0.account_id from account_view a1_0 left join account_tag t1_0"
                + " on a1_0.account_id=t1_0.account_id where a1_0.organization_id=?"))
                .isEqualTo("select a1_0.account_id from account_view_next a1_0 left join account_tag_next t1_0"
                        + " on a1_0.account_id=t1_0.account_id where a1_0.organization_id=?");
        assertThat(ShadowTables.toShadow("delete from HANDSHAKE_VIEW where id=?"))
                .isEqualTo("delete from HANDSHAKE_VIEW_next where id=?");
        assertThat(ShadowTables.toShadow("select * from token_entry where processor_name=?"))
                .isEqualTo("select * from token_entry where processor_name=?");
        assertThat(ShadowTables.toShadow("insert into audit_record_next (seq) values (?)"))
                .isEqualTo("insert into audit_record_next (seq) values (?)");
    }

    @Test
    void aRebuildThreadWritesOnlyTheShadowTablesUntilTheyAreSwappedIn() throws Exception {
        onRebuildThread(this::organizationWithTaggedMember);

        assertThat(count("organization_view")).isZero();
        assertThat(count("organization_view_next")).isEqualTo(1);
        assertThat(count("account_tag_next")).isEqualTo(1);

        tables.swap(RebuildableView.ORGANIZATION_VIEWS);

        assertThat(organizations.findById("o-a1b2c3d4e5")).isPresent();
        assertThat(accounts.findById("222222222222")).hasValueSatisfying(
                account -> assertThat(account.getOrganizationId()).isEqualTo("o-a1b2c3d4e5"));
        assertThat(count("organization_view_next")).isZero();
        // the swapped-in tables take writes through the usual mappings, foreign key included
        transaction.executeWithoutResult(status -> handle(new AccountJoinedOrganizationEvent(
                ORGANIZATION.id(), new AccountId("333333333333"), "c@example.com", "C", JoinedMethod.INVITED,
                new HandshakeId("h-second0000001"), List.of(new Tag("k", "v")), T0)));
        assertThat(count("account_tag")).isEqualTo(2);
    }

    @Test
    void theChecksumDependsOnContentAloneAndTheShadowIsEmptiedAfterASwap() throws Exception {
        transaction.executeWithoutResult(status -> organizationWithTaggedMember());
        ViewChecksum.Digest direct = checksums.of(RebuildableView.ORGANIZATION_VIEWS);
        onRebuildThread(this::organizationWithTaggedMember);

        tables.swap(RebuildableView.ORGANIZATION_VIEWS);
        ViewChecksum.Digest rebuilt = checksums.of(RebuildableView.ORGANIZATION_VIEWS);
        tables.clearShadow(RebuildableView.ORGANIZATION_VIEWS);

        assertThat(rebuilt).isEqualTo(direct);
        assertThat(rebuilt.rows()).containsEntry("organization_view", 1L).containsEntry("account_view", 2L)
                .containsEntry("account_tag", 1L);
        assertThat(count("account_view_next")).isZero();
        transaction.executeWithoutResult(status -> handle(new AccountJoinedOrganizationEvent(
                ORGANIZATION.id(), new AccountId("333333333333"), "c@example.com", "C", JoinedMethod.INVITED,
                new HandshakeId("h-second0000001"), List.of(), T0)));
        assertThat(checksums.of(RebuildableView.ORGANIZATION_VIEWS).sha256()).isNotEqualTo(direct.sha256());
    }

    @Test
    void aSwapInterruptedByACrashIsFinishedAtTheNextStart() throws Exception {
        onRebuildThread(this::organizationWithTaggedMember);
        // the service stopped in the middle of the second table: account_tag swapped, organization_view half
        jdbc.update("INSERT INTO view_swap (view_name, tables_done) VALUES ('organization-views', 1)");
        jdbc.execute("ALTER TABLE account_tag RENAME TO account_tag_swapping");
        jdbc.execute("ALTER TABLE account_tag_next RENAME TO account_tag");
        jdbc.execute("ALTER TABLE account_tag_swapping RENAME TO account_tag_next");
        jdbc.execute("ALTER TABLE organization_view RENAME TO organization_view_swapping");

        List<RebuildableView> finished;
        try (Connection connection = dataSource.getConnection()) {
            finished = ViewTableSwap.completeInterruptedSwaps(connection);
        }

        assertThat(finished).containsExactly(RebuildableView.ORGANIZATION_VIEWS);
        assertThat(count("view_swap")).isZero();
        assertThat(organizations.findById("o-a1b2c3d4e5")).isPresent();
        assertThat(accounts.findById("222222222222")).isPresent();
        assertThat(count("account_tag")).isEqualTo(1);
        assertThat(count("organization_view_next") + count("account_view_next") + count("account_tag_next")).isZero();
        // the pairs are whole again: a rebuild thread writes the shadow tables, foreign key included
        onRebuildThread(this::organizationWithTaggedMember);
        assertThat(count("account_tag_next")).isEqualTo(1);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(ViewTableSwap.completeInterruptedSwaps(connection)).isEmpty();
        }
    }

    private void organizationWithTaggedMember() {
        handle(new OrganizationCreatedEvent(ORGANIZATION, T0));
        handle(new AccountJoinedOrganizationEvent(ORGANIZATION.id(), new AccountId("222222222222"),
                "b@example.com", "B", JoinedMethod.INVITED, new HandshakeId("h-first00000001"),
                List.of(new Tag("team", "platform")), T0));
    }

    private void handle(Object event) {
        try {
            projection.handle(GenericEventMessage.asEventMessage(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void onRebuildThread(Runnable handlers) throws Exception {
        ExecutorService rebuild = Executors.newSingleThreadExecutor(ShadowTables.threadFactory("test-rebuild"));
        try {
            rebuild.submit(() -> transaction.executeWithoutResult(status -> handlers.run())).get();
        } finally {
            rebuild.shutdown();
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
