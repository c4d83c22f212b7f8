package org.gridstation.kiosk.camera;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits an MJPEG byte stream (concatenated JPEG frames, as {@code rpicam-vid --codec mjpeg -o -}
 * or {@code ffmpeg -f mjpeg -} write them) into frames: each from its start-of-image marker
 * ({@code FFD8}) to its end-of-image marker ({@code FFD9}). It follows the JPEG structure — marker
 * segments by their length, then the entropy-coded data up to the next marker — so an {@code FFD9}
 * inside a segment (an embedded thumbnail) does not end a frame early. Bytes between frames (e.g.
 * multipart boundaries) are skipped; a frame that breaks off (a new {@code FFD8}, a byte where a
 * marker must be, the end of the stream) or grows past the size limit is dropped, and the search
 * for the next frame goes on. Not thread-safe; one reader.
 */
public final class MjpegSplitter {
    /** No camera frame of a QR-sized picture comes near this. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 2 * 1024 * 1024;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    private final InputStream in;
    private final int maxFrameBytes;
    private long skippedBytes;
    private long droppedFrames;
    /** A marker byte (after {@code FF}) already read while ending the previous attempt, or -1. */
    private int pendingMarker = -1;

    public MjpegSplitter(InputStream in) {
        this(in, DEFAULT_MAX_FRAME_BYTES);
    }

    public MjpegSplitter(InputStream in, int maxFrameBytes) {
        if (maxFrameBytes < 4) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 4");
        }
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * The next whole frame (a JPEG file's bytes), or null at the end of the stream.
     *
     * @throws IOException if reading fails
     */
    public byte[] next() throws IOException {
        while (true) {
            if (!findSoi()) {
                return null;
            }
            Frame frame = new Frame();
            frame.put(0xFF);
            frame.put(SOI);
            Outcome outcome = readFrame(frame);
            switch (outcome) {
                case DONE:
                    return frame.toByteArray();
                case END_OF_STREAM:
                    droppedFrames++;
                    return null;
                default: // broken off or too large: look for the next frame
                    droppedFrames++;
            }
        }
    }

    /** Bytes outside any frame that were skipped so far. */
    public long skippedBytes() {
        return skippedBytes;
    }

    /** Frames begun but dropped so far: broken off, truncated by the end of the stream, or too large. */
    public long droppedFrames() {
        return droppedFrames;
    }

    private enum Outcome { DONE, BROKEN, END_OF_STREAM }

    /** Reads up to and including the next {@code FFD8}; false at the end of the stream. */
    private boolean findSoi() throws IOException {
        if (pendingMarker == SOI) {
            pendingMarker = -1;
            return true;
        }
        pendingMarker = -1;
        boolean afterFf = false;
        int b;
        while ((b = in.read()) >= 0) {
            if (afterFf && b == SOI) {
                return true;
            }
            if (afterFf) {
                skippedBytes++; // the FF before this byte
            }
            afterFf = b == 0xFF;
            if (!afterFf) {
                skippedBytes++;
            }
        }
        return false;
    }

    private Outcome readFrame(Frame frame) throws IOException {
        while (true) {
            // a marker: FF (fill FFs allowed), then its code
            int b = in.read();
            if (b < 0) {
                return Outcome.END_OF_STREAM;
            }
            if (b != 0xFF) {
                return Outcome.BROKEN;
            }
            int marker;
            do {
                marker = in.read();
            } while (marker == 0xFF);
            if (marker < 0) {
                return Outcome.END_OF_STREAM;
            }
            Outcome o = segment(frame, marker);
            if (o != null) {
                return o;
            }
        }
    }

    /** Handles one marker; null to go on with the next marker, else how the frame ended. */
    private Outcome segment(Frame frame, int marker) throws IOException {
        while (true) {
            if (marker == SOI) { // a new frame starts inside this one: this one broke off
                pendingMarker = SOI;
                return Outcome.BROKEN;
            }
            if (!frame.put(0xFF) || !frame.put(marker)) {
                return Outcome.BROKEN;
            }
            if (marker == EOI) {
                return Outcome.DONE;
            }
            if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0x00) {
                return null; // a marker without a segment
            }
            int hi = in.read();
            int lo = in.read();
            if (lo < 0) {
                return Outcome.END_OF_STREAM;
            }
            int length = (hi << 8) | lo;
            if (length < 2 || !frame.put(hi) || !frame.put(lo)) {
                return Outcome.BROKEN;
            }
            for (int i = 2; i < length; i++) {
                int x = in.read();
                if (x < 0) {
                    return Outcome.END_OF_STREAM;
                }
                if (!frame.put(x)) {
                    return Outcome.BROKEN;
                }
            }
            if (marker != SOS) {
                return null;
            }
            // entropy-coded data: FF00 is a data byte, FFD0..FFD7 restart markers; any other marker ends it
            int next = scan(frame);
            if (next < 0) {
                return next == -1 ? Outcome.END_OF_STREAM : Outcome.BROKEN;
            }
            marker = next; // e.g. EOI, or the tables before a progressive frame's next scan
        }
    }

    /** Copies entropy-coded data; returns the code of the marker that ends it, -1 at the end of the stream, -2 if too large. */
    private int scan(Frame frame) throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b != 0xFF) {
                if (!frame.put(b)) {
                    return -2;
                }
                continue;
            }
            int code;
            do {
                code = in.read();
            } while (code == 0xFF);
            if (code < 0) {
                return -1;
            }
            if (code == 0x00 || (code >= 0xD0 && code <= 0xD7)) {
                if (!frame.put(0xFF) || !frame.put(code)) {
                    return -2;
                }
                continue;
            }
            return code;
        }
    }

    /** The frame being read, refusing to grow past the limit. */
    private final class Frame {
        private byte[] bytes = new byte[64 * 1024];
        private int count;

        /** Appends {@code b}; false once the frame would be larger than allowed. */
        boolean put(int b) {
            if (count >= maxFrameBytes) {
                return false;
            }
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(maxFrameBytes, bytes.length * 2));
            }
            bytes[count++] = (byte) b;
            return true;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }
    }
}
