package org.gridstation.gateway.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Non-negative ints and longs in 7-bit groups, low first (LEB128): the small counts of a cell take a byte. */
final class Varints {
    private Varints() {
    }

    static void write(DataOutput out, long v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        while (v >= 0x80) {
            out.writeByte((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw new IOException("varint too long");
    }

    static int read(DataInput in) throws IOException {
        long v = readLong(in);
        if (v > Integer.MAX_VALUE) {
            throw new IOException("varint out of int range: " + v);
        }
        return (int) v;
    }
}
