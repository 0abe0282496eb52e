package org.handshakeledger.projections.organization;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Accounts by id, the members of an organization in account-id order for keyset paging, and the first members of
 * each of several organizations in one query.
 */
public interface AccountViewRepository extends JpaRepository<AccountViewEntity, String> {

    @Query("select a from AccountViewEntity a where a.organizationId = :organizationId"
            + " and (:afterAccountId is null or a.accountId > :afterAccountId) order by a.accountId")
    List<AccountViewEntity> pageOfMembers(@Param("organizationId") String organizationId,
                                          @Param("afterAccountId") String afterAccountId, Limit limit);

    /** The first {@code each} members of every given organization, by organization then account id. */
    @Query(nativeQuery = true, value = """
            SELECT * FROM (
                SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.organization_id ORDER BY a.account_id) AS member_rank
                FROM account_view a WHERE a.organization_id IN (:organizationIds)) ranked
            WHERE ranked.member_rank <= :each ORDER BY ranked.organization_id, ranked.account_id""")
    List<AccountViewEntity> firstMembersOf(@Param("organizationIds") Collection<String> organizationIds,
                                           @Param("each") int each);
}
