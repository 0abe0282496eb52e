package org.handshakeledger.app.config;

import java.security.SecureRandom;
import java.util.UUID;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.springframework.stereotype.Component;

/** New ids, in the shapes real AWS uses: {@code h-} + 32 hex characters, {@code o-} + 10 lowercase alphanumerics. */
@Component
public class IdGenerator {
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
    private final SecureRandom random = new SecureRandom();

    public HandshakeId newHandshakeId() {
        return new HandshakeId("h-" + UUID.randomUUID().toString().replace("-", ""));
    }

    public OrganizationId newOrganizationId() {
        StringBuilder id = new StringBuilder("o-");
        for (int i = 0; i < 10; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return new OrganizationId(id.toString());
    }
}
