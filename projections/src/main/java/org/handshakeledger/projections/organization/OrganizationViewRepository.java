package org.handshakeledger.projections.organization;

import org.springframework.data.jpa.repository.JpaRepository;

/** Organizations by id. */
public interface OrganizationViewRepository extends JpaRepository<OrganizationViewEntity, String> {
}
