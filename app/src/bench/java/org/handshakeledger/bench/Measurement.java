package org.handshakeledger.bench;

import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One measured phase: how many requests completed (and failed) in how long, and the latency distribution of the
 * requests, overall and per operation. Latencies are in milliseconds.
 */
record Measurement(String name, long requests, long errors, String firstError, double seconds, Latency latency,
                   Map<String, Latency> byOperation) {

    /** Percentiles of one histogram recorded in microseconds. */
    record Latency(long count, double p50, double p99, double max, double mean) {
        static Latency of(Histogram micros) {
            return new Latency(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0,
                    micros.getMean() / 1000.0);
        }
    }

    double throughput() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** Requests that succeeded per second: the figure a target with "0 errors" beside it counts. */
    double okThroughput() {
        return seconds > 0 ? (requests - errors) / seconds : 0;
    }
}
