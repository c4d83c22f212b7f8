package org.gridstation.gateway.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Durations counted in logarithmic buckets 1 % wide, so histograms of months, grids and
 * categories add up into any report's median without keeping every value. A bucket stands for
 * its geometric middle: a median read from here is within 0.5 % of the exact one (plus half a
 * millisecond), to the millisecond below one second. Not thread-safe.
 */
final class DurationHistogram {
    /** Bucket {@code b ≥ 1} holds [GROWTH^(b-1), GROWTH^b) ms; bucket 0 holds 0 (and negatives). */
    private static final double GROWTH = 1.01;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    /** Up to GROWTH^2600 ms, about 53 years; longer durations count in the last bucket. */
    static final int BUCKETS = 2600;

    private int[] counts;
    private long total;

    static int bucket(long millis) {
        if (millis <= 0) {
            return 0;
        }
        int b = 1 + (int) Math.floor(Math.log(millis) / LOG_GROWTH);
        return Math.min(b, BUCKETS - 1);
    }

    /** The value a bucket stands for, in ms: its geometric middle (0 for bucket 0). */
    static double value(int bucket) {
        return bucket == 0 ? 0 : Math.pow(GROWTH, bucket - 0.5);
    }

    void add(long millis) {
        add(bucket(millis), 1);
    }

    private void add(int bucket, int n) {
        if (counts == null) {
            counts = new int[BUCKETS];
        }
        counts[bucket] += n;
        total += n;
    }

    long total() {
        return total;
    }


    /** The median in seconds; for an even count the mean of the two middle values' buckets. */
    Optional<Double> medianSeconds() {
        if (total == 0) {
            return Optional.empty();
        }
        double m = total % 2 == 1 ? valueAt(total / 2 + 1) : (valueAt(total / 2) + valueAt(total / 2 + 1)) / 2;
        return Optional.of(m / 1000.0);
    }

    /** The value of the {@code rank}-th smallest duration (1-based), as its bucket stands for it. */
    private double valueAt(long rank) {
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return value(b);
            }
        }
        throw new IllegalStateException("rank " + rank + " of " + total);
    }

    /** Writes the non-empty buckets as (bucket gap, count) varint pairs, ended by a zero count. */
    void write(DataOutput out) throws IOException {
        int last = 0;
        if (counts != null) {
            for (int b = 0; b < BUCKETS; b++) {
                if (counts[b] != 0) {
                    Varints.write(out, b - last);
                    Varints.write(out, counts[b]);
                    last = b;
                }
            }
        }
        Varints.write(out, 0);
        Varints.write(out, 0);
    }

    /** What {@link #write} wrote, as (bucket, count) pairs, for {@link #addPairs}. */
    static int[] readPairs(DataInput in) throws IOException {
        int[] pairs = new int[16];
        int size = 0;
        int b = 0;
        while (true) {
            b += Varints.read(in);
            int n = Varints.read(in);
            if (n == 0) {
                return java.util.Arrays.copyOf(pairs, size);
            }
            if (b >= BUCKETS) {
                throw new IOException("bucket " + b + " out of range");
            }
            if (size + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = b;
            pairs[size++] = n;
        }
    }

    void addPairs(int[] pairs) {
        for (int k = 0; k < pairs.length; k += 2) {
            add(pairs[k], pairs[k + 1]);
        }
    }
}
