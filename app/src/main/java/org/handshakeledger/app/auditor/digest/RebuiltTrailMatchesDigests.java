package org.handshakeledger.app.auditor.digest;

import java.util.concurrent.atomic.AtomicReference;

import org.handshakeledger.projections.audit.AuditChainPoints;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.RebuiltViewCheck;
import org.handshakeledger.projections.rebuild.ShadowTables;
import org.springframework.stereotype.Component;

/**
 * A rebuilt audit trail replaces the live one only if it is the trail the digests signed. A rebuild replays the
 * events in global-index order; where events had committed out of that order, the live trail recorded them in
 * another, and the rebuilt chain, equally consistent, is not the one that was signed. Swapping it in would make
 * every verification fail from then on, so the rebuild fails instead, and the live trail stays.
 */
@Component
class RebuiltTrailMatchesDigests implements RebuiltViewCheck {
    private final AuditDigestStore digests;
    private final AuditChainPoints chain;

    RebuiltTrailMatchesDigests(AuditDigestStore digests, AuditChainPoints chain) {
        this.digests = digests;
        this.chain = chain;
    }

    @Override
    public void beforeSwap(RebuildableView view) {
        if (view != RebuildableView.AUDIT_TRAIL) {
            return;
        }
        AtomicReference<String> mismatch = new AtomicReference<>();
        // the chain is read from the shadow tables, where the rebuild wrote it; the digests from their own table
        ShadowTables.routed(() -> {
            SignedTrail rebuilt = new SignedTrail(chain);
            digests.forEachOldestFirst(digest -> {
                if (mismatch.get() == null && rebuilt.difference(digest).isPresent()) {
                    mismatch.set("the rebuilt audit trail is not the one digest " + digest.sequence()
                            + " signed at record " + digest.lastSeq() + " (events that committed out of global-index"
                            + " order were recorded in another order the first time); the live trail, which the"
                            + " digests verify, was kept");
                }
            });
        });
        if (mismatch.get() != null) {
            throw new IllegalStateException(mismatch.get());
        }
    }
}
