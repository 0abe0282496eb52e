package org.handshakeledger.app.mirror;

import java.time.Duration;

/**
 * Whether mirror mode is on and what it reads ({@code ledger.mirror.*}): the endpoint as the records name it (its
 * URL, or {@code aws}), the region and the time between polls.
 */
public record MirrorSettings(boolean enabled, String endpoint, String region, Duration interval) {
}
