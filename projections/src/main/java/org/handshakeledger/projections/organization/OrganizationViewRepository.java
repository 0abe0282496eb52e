package org.handshakeledger.projections.organization;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** Organizations by id, and the existing ones in id order for keyset paging. */
public interface OrganizationViewRepository extends JpaRepository<OrganizationViewEntity, String> {
    List<OrganizationViewEntity> findByDeletedFalseAndIdGreaterThanOrderByIdAsc(String afterId, Limit limit);
}
