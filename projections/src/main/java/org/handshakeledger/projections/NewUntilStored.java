package org.handshakeledger.projections;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A view row whose id is chosen by the handler: created by the handler it is new, so saving it inserts it without
 * first looking it up (which a replay of a million events would pay for every row); once stored or loaded it is not.
 */
@MappedSuperclass
public abstract class NewUntilStored<I> implements Persistable<I> {
    @Transient
    private boolean fresh;

    /** For rows the handler creates; JPA's own constructor leaves a loaded row not new. */
    protected void markNew() {
        fresh = true;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PrePersist
    @PostLoad
    void stored() {
        fresh = false;
    }
}
