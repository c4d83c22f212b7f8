package org.gridstation.cli.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, appended from many threads; percentiles on a sorted copy. */
final class LatencyLog {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /** The {@code p}-th percentile (nearest rank) in milliseconds, or NaN when empty. */
    synchronized double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, i))] / 1e6;
    }
}
