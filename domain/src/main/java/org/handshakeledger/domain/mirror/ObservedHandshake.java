package org.handshakeledger.domain.mirror;

import java.time.Instant;
import java.util.List;

/**
 * A handshake as an upstream AWS Organizations endpoint listed it, field for field, with its enumerations kept as the
 * upstream spelled them: the mirror records what it saw, including values this ledger does not know.
 */
public record ObservedHandshake(String id, String arn, String action, String state, List<Party> parties,
                                List<Resource> resources, Instant requestedAt, Instant expiresAt) {

    public ObservedHandshake {
        parties = List.copyOf(parties);
        resources = List.copyOf(resources);
    }

    /** A participant: an account id, an organization id or an email address, with its type. */
    public record Party(String id, String type) {
    }

    /** Extra data of the handshake, possibly nested (the organization resource holds its management details). */
    public record Resource(String type, String value, List<Resource> resources) {
        public Resource {
            resources = resources == null ? List.of() : List.copyOf(resources);
        }
    }

    /** The id of the party of the given type, or null. */
    public String party(String type) {
        return parties.stream().filter(p -> type.equals(p.type())).map(Party::id).findFirst().orElse(null);
    }

    /** The originating organization: its party, or the organization segment of the ARN. */
    public String organizationId() {
        String party = party("ORGANIZATION");
        return party != null ? party : arnPart(1);
    }

    /** The management account of the originating organization, from the ARN. */
    public String managementAccountId() {
        if (arn == null) {
            return null;
        }
        String[] fields = arn.split(":", 6);
        return fields.length == 6 && !fields[4].isEmpty() ? fields[4] : null;
    }

    /** {@code arn:aws:organizations::<management>:handshake/<organization>/<action>/<id>}: the path's segment. */
    private String arnPart(int index) {
        if (arn == null || !arn.contains(":handshake/")) {
            return null;
        }
        String[] path = arn.substring(arn.indexOf(":handshake/") + 1).split("/");
        return path.length > index ? path[index] : null;
    }
}
