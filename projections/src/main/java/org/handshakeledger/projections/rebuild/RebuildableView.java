package org.handshakeledger.projections.rebuild;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.handshakeledger.projections.audit.AuditTrailProjection;
import org.handshakeledger.projections.handshake.HandshakeViewProjection;
import org.handshakeledger.projections.organization.OrganizationViewProjection;

/**
 * The views that can be rebuilt from the event store: the processing group that feeds each, the class of its event
 * handlers, and its tables, children before the tables they reference.
 */
public enum RebuildableView {
    HANDSHAKE_VIEWS(HandshakeViewProjection.PROCESSING_GROUP, HandshakeViewProjection.class,
            ViewTable.of("handshake_view", "id")),
    ORGANIZATION_VIEWS(OrganizationViewProjection.PROCESSING_GROUP, OrganizationViewProjection.class,
            ViewTable.of("account_tag", "account_id, tag_key"),
            ViewTable.of("organization_view", "id"),
            ViewTable.of("account_view", "account_id")),
    /*
     * A record's place in the hash chain (seq and the hashes) follows the order its event was first processed in;
     * when events committed out of global-index order, a rebuilt chain is ordered differently, consistent in itself
     * but not the chain the signed digests anchor, and a RebuiltViewCheck of the app refuses to swap it in. The
     * checksum therefore covers what each record says, by global index, and /ledger/audit/verify the chain.
     */
    AUDIT_TRAIL(AuditTrailProjection.PROCESSING_GROUP, AuditTrailProjection.class,
            new ViewTable("audit_record", "global_index", Set.of("seq", "prev_hash", "hash")),
            ViewTable.of("audit_handshake", "id"));

    private final String processingGroup;
    private final Class<?> handlerType;
    private final List<ViewTable> tables;

    RebuildableView(String processingGroup, Class<?> handlerType, ViewTable... tables) {
        this.processingGroup = processingGroup;
        this.handlerType = handlerType;
        this.tables = List.of(tables);
    }

    public static Optional<RebuildableView> named(String processingGroup) {
        return Arrays.stream(values()).filter(view -> view.processingGroup.equals(processingGroup)).findFirst();
    }

    public String processingGroup() {
        return processingGroup;
    }

    public Class<?> handlerType() {
        return handlerType;
    }

    public List<ViewTable> tables() {
        return tables;
    }
}
