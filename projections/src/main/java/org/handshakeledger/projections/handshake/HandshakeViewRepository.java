package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.handshake.HandshakeAction;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Keyset-paged access to the handshake view: newest first, ties broken by id ascending. */
public interface HandshakeViewRepository extends JpaRepository<HandshakeViewEntity, String> {

    String KEYSET = " and (cast(:afterRequestedAt as Instant) is null or h.requestedAt < :afterRequestedAt"
            + " or (h.requestedAt = :afterRequestedAt and h.id > :afterId))"
            + " and (:action is null or h.action = :action)"
            + " and (:parentId is null or h.parentId = :parentId)";
    /*
     * Each list orders by its index's columns, the constant first one included: only then does H2 read the index in
     * order and stop after a page, instead of sorting every row of the organization or recipient.
     */
    String NEWEST_FIRST = ", h.requestedAt desc, h.id asc";

    @Query("select h from HandshakeViewEntity h where h.organizationId = :organizationId"
            + " and h.visibleUntil > :now" + KEYSET + " order by h.organizationId" + NEWEST_FIRST)
    List<HandshakeViewEntity> pageForOrganization(@Param("organizationId") String organizationId,
                                                  @Param("now") Instant now,
                                                  @Param("action") HandshakeAction action,
                                                  @Param("parentId") String parentId,
                                                  @Param("afterRequestedAt") Instant afterRequestedAt,
                                                  @Param("afterId") String afterId,
                                                  Limit limit);

    /*
     * A recipient is found by account id or by email address: two queries, one per index. A single query with "or"
     * made the database scan the whole table, and Lists got slower as the ledger grew.
     */
    @Query("select h from HandshakeViewEntity h where h.recipientAccountId = :accountId"
            + " and (:hideInvites = false or h.action <> org.handshakeledger.domain.handshake.HandshakeAction.INVITE)"
            + " and h.visibleUntil > :now" + KEYSET + " order by h.recipientAccountId" + NEWEST_FIRST)
    List<HandshakeViewEntity> pageForRecipientAccount(@Param("accountId") String accountId,
                                                      @Param("hideInvites") boolean hideInvites,
                                                      @Param("now") Instant now,
                                                      @Param("action") HandshakeAction action,
                                                      @Param("parentId") String parentId,
                                                      @Param("afterRequestedAt") Instant afterRequestedAt,
                                                      @Param("afterId") String afterId,
                                                      Limit limit);

    @Query("select h from HandshakeViewEntity h where h.recipientEmail = :email"
            + " and (:hideInvites = false or h.action <> org.handshakeledger.domain.handshake.HandshakeAction.INVITE)"
            + " and h.visibleUntil > :now" + KEYSET + " order by h.recipientEmail" + NEWEST_FIRST)
    List<HandshakeViewEntity> pageForRecipientEmail(@Param("email") String email,
                                                    @Param("hideInvites") boolean hideInvites,
                                                    @Param("now") Instant now,
                                                    @Param("action") HandshakeAction action,
                                                    @Param("parentId") String parentId,
                                                    @Param("afterRequestedAt") Instant afterRequestedAt,
                                                    @Param("afterId") String afterId,
                                                    Limit limit);
}
