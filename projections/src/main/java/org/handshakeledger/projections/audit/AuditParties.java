package org.handshakeledger.projections.audit;

import java.util.LinkedHashSet;
import java.util.Set;

/** The accounts and emails an audit record concerns, as a set and as the {@code parties} column stores them. */
final class AuditParties {
    private AuditParties() {
    }

    /** The given ids that are known (not null), in their order. */
    static Set<String> of(String... ids) {
        Set<String> parties = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null) {
                parties.add(id);
            }
        }
        return parties;
    }

    /** The parties of a stored {@link #joined} column. */
    static Set<String> split(String joined) {
        Set<String> parties = new LinkedHashSet<>();
        for (String part : joined.split(",")) {
            if (!part.isEmpty()) {
                parties.add(part);
            }
        }
        return parties;
    }

    /** {@code ,a,b,} so that {@code like '%,a,%'} matches whole entries only. */
    static String joined(Set<String> parties) {
        return parties.isEmpty() ? "," : "," + String.join(",", parties) + ",";
    }
}
