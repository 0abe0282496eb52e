package org.handshakeledger.app.auditor.digest;

import java.util.Optional;

import org.handshakeledger.projections.audit.AuditChainPoints;
import org.handshakeledger.projections.audit.AuditChainPoints.ChainPoint;

/**
 * The trail compared with what the digests signed, one digest after the other, oldest first: at each digest's
 * {@code lastSeq}, the record's hash and the number of records up to it. The records between two digests are counted
 * once, so going through every digest costs one pass over the trail, however many digests there are.
 */
final class SignedTrail {
    private final AuditChainPoints chain;
    private ChainPoint reached = ChainPoint.ORIGIN;

    SignedTrail(AuditChainPoints chain) {
        this.chain = chain;
    }

    /** How the trail differs from what {@code digest} signed, in words; empty when it holds just that. */
    Optional<String> difference(AuditDigest digest) {
        if (digest.lastSeq() == 0) {
            return Optional.empty();
        }
        String name = "digest " + digest.sequence();
        // digests follow the trail forward; one that goes back is counted from the start
        ChainPoint from = digest.lastSeq() >= reached.seq() ? reached : ChainPoint.ORIGIN;
        Optional<ChainPoint> now = chain.after(from, digest.lastSeq());
        if (now.isEmpty()) {
            return Optional.of("record " + digest.lastSeq() + ", the last one " + name + " signed, is missing");
        }
        reached = now.get();
        if (!reached.hash().equals(digest.lastHash())) {
            return Optional.of("record " + digest.lastSeq() + " is not the record " + name + " signed: the chain up"
                    + " to it was rewritten");
        }
        if (reached.recordCount() != digest.recordCount()) {
            return Optional.of("the trail holds " + reached.recordCount() + " records up to record "
                    + digest.lastSeq() + ", " + name + " signed " + digest.recordCount());
        }
        return Optional.empty();
    }
}
