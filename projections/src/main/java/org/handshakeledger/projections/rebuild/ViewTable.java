package org.handshakeledger.projections.rebuild;

import java.util.Set;

/**
 * One table of a view.
 *
 * @param name            the live table; its shadow is {@code name + "_next"}
 * @param orderBy         the columns that order its rows for the checksum: a unique key
 * @param notInChecksum   columns left out of the checksum because they depend on the order events were first
 *                        processed in rather than on the events themselves
 */
public record ViewTable(String name, String orderBy, Set<String> notInChecksum) {

    public static ViewTable of(String name, String orderBy) {
        return new ViewTable(name, orderBy, Set.of());
    }

    public String shadow() {
        return name + ShadowTables.SUFFIX;
    }
}
