package org.handshakeledger.app.operator;

/** A rebuild was asked for while another one runs: rebuilds run one at a time. */
public class RebuildInProgressException extends RuntimeException {
    private final transient RebuildProgress running;

    public RebuildInProgressException(RebuildProgress running) {
        super("A rebuild of " + running.view() + " is running (" + running.percent() + "%, " + running.state()
                + "); wait until GET /ledger/projections shows it finished, then ask again.");
        this.running = running;
    }

    public RebuildProgress running() {
        return running;
    }
}
