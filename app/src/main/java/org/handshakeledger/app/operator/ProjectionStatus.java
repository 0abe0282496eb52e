package org.handshakeledger.app.operator;

/**
 * One event processor as the operator sees it.
 *
 * @param name        its processing group
 * @param kind        {@code view} (rebuildable from the event store) or {@code publisher}
 * @param mode        subscribing, tracking or pooled
 * @param position    the global index it has handled up to, or null when it is not running here
 * @param lag         events between its position and the head of the store, or null with the position
 * @param replaying   whether it, or a rebuild of its view, is replaying history now
 * @param rebuild     the running or last rebuild of the view since start-up, or null
 */
public record ProjectionStatus(String name, String kind, String mode, Long position, Long lag, boolean replaying,
                               RebuildProgress rebuild) {
}
