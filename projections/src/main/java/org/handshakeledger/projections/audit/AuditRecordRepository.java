package org.handshakeledger.projections.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.QueryHint;

import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

/** The audit trail in chain order, paged by sequence number. */
public interface AuditRecordRepository extends JpaRepository<AuditRecordEntity, Long> {

    Optional<AuditRecordEntity> findTopByOrderBySeqDesc();

    /*
     * The two lookups the trail makes for every event are written out as queries, whose translation Hibernate
     * caches (a derived query is translated again on every call), and do not flush the records of the batch written
     * so far (each flush would check them all again): the event store is never written here, and an event comes
     * once per batch.
     */
    @Query("select count(a) > 0 from AuditRecordEntity a where a.globalIndex = :globalIndex")
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    boolean existsByGlobalIndex(@Param("globalIndex") long globalIndex);

    /** Where Axon's JPA event store put the event with this identifier; empty for an event it does not hold. */
    @Query(value = "select global_index from domain_event_entry where event_identifier = :eventIdentifier",
            nativeQuery = true)
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    Optional<Long> globalIndexOf(@Param("eventIdentifier") String eventIdentifier);

    /** The caller's scope and the filters of a page, but the handshake's (see {@link #handshakePage}). */
    String SCOPE_AND_FILTERS = " and (:all = true or a.organizationId = :scopeOrganization"
            + "      or a.parties like concat('%,', cast(:scopeAccount as String), ',%'))"
            + " and (:organizationId is null or a.organizationId = :organizationId)"
            + " and (:accountId is null or a.parties like concat('%,', cast(:accountId as String), ',%'))"
            + " and (cast(:fromTime as Instant) is null or a.eventTime >= :fromTime)"
            + " and (cast(:toTime as Instant) is null or a.eventTime < :toTime)";

    @Query("select a from AuditRecordEntity a where a.seq > :afterSeq"
            + " and (:handshakeId is null or a.handshakeId = :handshakeId)" + SCOPE_AND_FILTERS
            + " order by a.seq")
    List<AuditRecordEntity> page(@Param("afterSeq") long afterSeq,
                                 @Param("all") boolean all,
                                 @Param("scopeOrganization") String scopeOrganization,
                                 @Param("scopeAccount") String scopeAccount,
                                 @Param("organizationId") String organizationId,
                                 @Param("accountId") String accountId,
                                 @Param("handshakeId") String handshakeId,
                                 @Param("fromTime") Instant fromTime,
                                 @Param("toTime") Instant toTime,
                                 Limit limit);

    /**
     * {@link #page} of one handshake's records. Its condition on the handshake is a plain equality, so the database
     * reads idx_audit_record_handshake in order; behind {@code :handshakeId is null or …} it reads the whole trail
     * in {@code seq} order instead.
     */
    @Query("select a from AuditRecordEntity a where a.handshakeId = :handshakeId and a.seq > :afterSeq"
            + SCOPE_AND_FILTERS + " order by a.handshakeId, a.seq")
    List<AuditRecordEntity> handshakePage(@Param("handshakeId") String handshakeId,
                                          @Param("afterSeq") long afterSeq,
                                          @Param("all") boolean all,
                                          @Param("scopeOrganization") String scopeOrganization,
                                          @Param("scopeAccount") String scopeAccount,
                                          @Param("organizationId") String organizationId,
                                          @Param("accountId") String accountId,
                                          @Param("fromTime") Instant fromTime,
                                          @Param("toTime") Instant toTime,
                                          Limit limit);

    /** The whole chain (or a range of it) for verification, unfiltered. */
    @Query("select a from AuditRecordEntity a where a.seq > :afterSeq"
            + " and (:toSeq is null or a.seq <= :toSeq) order by a.seq")
    List<AuditRecordEntity> chain(@Param("afterSeq") long afterSeq, @Param("toSeq") Long toSeq, Limit limit);

    /** How many records the trail holds up to {@code seq}: {@code seq} itself when none is missing. */
    long countBySeqLessThanEqual(long seq);

    /** How many records the trail holds from {@code fromSeq} to {@code toSeq}, both included. */
    long countBySeqBetween(long fromSeq, long toSeq);

    @Query("select min(a.seq) from AuditRecordEntity a where a.eventTime >= :time")
    Long firstSeqAtOrAfter(@Param("time") Instant time);

    @Query("select max(a.seq) from AuditRecordEntity a where a.eventTime < :time")
    Long lastSeqBefore(@Param("time") Instant time);
}
