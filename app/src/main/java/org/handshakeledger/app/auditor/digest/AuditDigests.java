package org.handshakeledger.app.auditor.digest;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import org.handshakeledger.projections.audit.AuditChainPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Signs digests of the audit trail with the {@link AuditSigningKey}, lists them, and checks the trail against them.
 * The hash chain alone shows that no record was changed without rewriting every record after it; a digest signed
 * with a key that is not in the database shows that the records it covers are the ones that were there when it was
 * signed, so a rewritten chain fails even when it is consistent in itself.
 */
@Component
public class AuditDigests {
    private static final Logger log = LoggerFactory.getLogger(AuditDigests.class);
    private static final int ATTEMPTS = 5;

    private final AuditDigestStore store;
    private final AuditChainPoints chain;
    private final AuditSigningKey key;
    private final Clock clock;

    AuditDigests(AuditDigestStore store, AuditChainPoints chain, AuditSigningKey key, Clock clock) {
        this.store = store;
        this.chain = chain;
        this.key = key;
        this.clock = clock;
        store.latest().filter(latest -> !latest.keyId().equals(key.keyId())).ifPresent(latest -> log.warn(
                "The latest audit digest ({}) was signed with the key {}, not with the key in this instance's"
                        + " --ledger.audit.signing-key-file ({}): its digests will not verify. Every instance must"
                        + " sign with the same key.", latest.sequence(), latest.keyId(), key.keyId()));
    }

    /** Signs the trail as it is now, after the latest digest; another instance signing at once takes its turn. */
    public AuditDigest signNow() {
        for (int attempt = 1; ; attempt++) {
            AuditDigest previous = store.latest().orElse(null);
            AuditDigest digest = AuditDigest.sign(previous, chain.head(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), key);
            try {
                store.add(digest);
                log.info("Signed audit digest {}: {} records up to seq {}, key {}", digest.sequence(),
                        digest.recordCount(), digest.lastSeq(), digest.keyId());
                return digest;
            } catch (DuplicateKeyException signedElsewhereAtOnce) {
                if (attempt == ATTEMPTS) {
                    throw signedElsewhereAtOnce;
                }
            }
        }
    }

    /** At most {@code limit} digests numbered below {@code beforeSequence}, newest first. */
    public List<AuditDigest> newestFirst(long beforeSequence, int limit) {
        return store.newestFirst(beforeSequence, limit);
    }

    public AuditSigningKey key() {
        return key;
    }

    /**
     * Checks every digest, oldest first: its signature with this ledger's key, that it follows the one before, and
     * that the trail still holds, at the record it names, the hash and the number of records it signed.
     */
    public DigestVerification verify() {
        DigestWalk walk = new DigestWalk();
        store.forEachOldestFirst(walk::check);
        return walk.result();
    }

    public record DigestVerification(boolean valid, long checked, Long brokenAtSeq, Long brokenDigest,
                                     String problem) {
    }

    private final class DigestWalk {
        private final SignedTrail trail = new SignedTrail(chain);
        private AuditDigest previous;
        private long checked;
        private DigestVerification broken;

        void check(AuditDigest digest) {
            if (broken != null) {
                return;
            }
            String problem = problem(digest);
            if (problem != null) {
                broken = new DigestVerification(false, checked, digest.lastSeq(), digest.sequence(), problem);
                return;
            }
            checked++;
            previous = digest;
        }

        private String problem(AuditDigest digest) {
            String name = "digest " + digest.sequence();
            long expectedSequence = previous == null ? 1 : previous.sequence() + 1;
            if (digest.sequence() != expectedSequence) {
                return "digest " + expectedSequence + " is missing";
            }
            if (!digest.keyId().equals(key.keyId())) {
                return name + " is signed with the key " + digest.keyId() + ", not with this ledger's key "
                        + key.keyId();
            }
            if (!digest.expectedSigningString().equals(digest.signingString())) {
                return name + " reads otherwise than the text it signed";
            }
            if (!key.verifies(digest.signingString(), digest.signature())) {
                return name + "'s signature does not verify";
            }
            String expectedPrevious = previous == null ? null : previous.signature();
            if (!Objects.equals(expectedPrevious, digest.previousSignature())) {
                return name + " does not follow digest " + (digest.sequence() - 1);
            }
            return trail.difference(digest).orElse(null);
        }

        DigestVerification result() {
            return broken != null ? broken : new DigestVerification(true, checked, null, null, null);
        }
    }
}
