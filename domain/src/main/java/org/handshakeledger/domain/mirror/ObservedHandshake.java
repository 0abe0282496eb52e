package org.handshakeledger.domain.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.handshakeledger.domain.HandshakeArn;

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
        return party != null ? party : HandshakeArn.organizationId(arn);
    }

    /** The management account of the originating organization, from the ARN. */
    public String managementAccountId() {
        return HandshakeArn.managementAccountId(arn);
    }

    /** The recipient account: the account party that is not the originating management account, or null. */
    public String recipientAccountId() {
        String management = managementAccountId();
        return parties.stream().filter(p -> "ACCOUNT".equals(p.type()) && !p.id().equals(management))
                .map(Party::id).findFirst().orElse(null);
    }

    /** The recipient's email in lower case, as the ledger keeps invited addresses, for an invitation by email. */
    public String recipientEmail() {
        String email = party("EMAIL");
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
