package org.handshakeledger.projections.organization;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Accounts by id, and the members of an organization in account-id order for keyset paging. */
public interface AccountViewRepository extends JpaRepository<AccountViewEntity, String> {

    @Query("select a from AccountViewEntity a where a.organizationId = :organizationId"
            + " and (:afterAccountId is null or a.accountId > :afterAccountId) order by a.accountId")
    List<AccountViewEntity> pageOfMembers(@Param("organizationId") String organizationId,
                                          @Param("afterAccountId") String afterAccountId, Limit limit);
}
