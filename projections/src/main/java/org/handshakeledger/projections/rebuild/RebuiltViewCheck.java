package org.handshakeledger.projections.rebuild;

/**
 * A last look at a rebuilt view in its shadow tables, under the swap lock, before it replaces the live one. A check
 * that fails throws {@link IllegalStateException} saying why: the rebuild fails and the live view stays as it was.
 */
public interface RebuiltViewCheck {

    void beforeSwap(RebuildableView view);
}
