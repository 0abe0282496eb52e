package org.handshakeledger.app.auditor;

import java.util.List;

import org.handshakeledger.projections.handshake.HandshakeView;

/**
 * A page of what ListHandshakesForOrganization would have shown at an instant, each handshake as of then;
 * {@code nextAfter} is the cursor of the next page, null on the last one.
 */
public record OrganizationHandshakesAsOf(List<HandshakeView> handshakes, String nextAfter) {
}
