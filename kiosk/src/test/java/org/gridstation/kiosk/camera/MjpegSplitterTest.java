package org.gridstation.kiosk.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.gridstation.kiosk.testing.QrImages;
import org.gridstation.kiosk.testing.TestTown;
import org.junit.jupiter.api.Test;

/** Real JPEG frames (QR codes drawn by ZXing, written by ImageIO) in one byte stream, as a camera writes it. */
class MjpegSplitterTest {
    private static final TestTown town = new TestTown();
    private final QrDecoder decoder = new QrDecoder();

    @Test
    void framesWithJunkBetween_andATruncatedLastFrame_areSplitIntoTheWholeFramesOnly() throws IOException {
        String badge = town.badge("p-018", "刘芳");
        byte[] first = QrImages.image(town.badge("p-017", "张伟"), 320, "jpg");
        byte[] second = QrImages.image(badge, 480, "jpg");
        byte[] third = QrImages.image("https://qingxi.example.gov.cn/tickets/hexing-45", 240, "jpg");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(junk(37)); // a stream joined mid-frame starts with the end of one
        stream.write(first);
        stream.write("\r\n--frame\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        stream.write(second);
        stream.write(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0xFF}); // stray marker bytes
        stream.write(junk(500));
        stream.write(third);
        stream.write(Arrays.copyOf(first, first.length / 2)); // the camera was stopped mid-frame

        MjpegSplitter splitter = new MjpegSplitter(new ByteArrayInputStream(stream.toByteArray()));
        byte[] a = splitter.next();
        byte[] b = splitter.next();
        byte[] c = splitter.next();
        assertNull(splitter.next());
        assertNull(splitter.next(), "the end stays the end");

        assertArrayEquals(first, a);
        assertArrayEquals(second, b);
        assertArrayEquals(third, c);
        assertEquals(Optional.of(badge), decoder.decode(b));
        assertEquals(Optional.of("https://qingxi.example.gov.cn/tickets/hexing-45"), decoder.decode(c));
        assertEquals(1, splitter.droppedFrames(), "the truncated frame");
    }

    @Test
    void aFrameBrokenOffByTheNextOne_isDropped_andTheNextIsKept() throws IOException {
        byte[] frame = QrImages.image(town.badge("p-019", "赵磊"), 320, "jpg");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(Arrays.copyOf(frame, frame.length - 200)); // cut inside the image data
        stream.write(frame);
        MjpegSplitter splitter = new MjpegSplitter(new ByteArrayInputStream(stream.toByteArray()));
        assertArrayEquals(frame, splitter.next());
        assertNull(splitter.next());
        assertEquals(1, splitter.droppedFrames());
    }

    @Test
    void aFrameLargerThanTheLimit_isSkipped_andTheStreamGoesOn() throws IOException {
        byte[] big = QrImages.image(town.badge("p-017", "张伟"), 800, "jpg");
        byte[] small = QrImages.image("hello", 120, "jpg");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(big);
        stream.write(small);
        stream.write(big);
        stream.write(small);
        MjpegSplitter splitter = new MjpegSplitter(new ByteArrayInputStream(stream.toByteArray()), small.length + 10);
        assertArrayEquals(small, splitter.next());
        assertArrayEquals(small, splitter.next());
        assertNull(splitter.next());
        assertEquals(2, splitter.droppedFrames());
    }

    /** Bytes that hold no JPEG marker. */
    private static byte[] junk(int n) {
        byte[] b = new byte[n];
        Random r = new Random(n);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(0xFF);
        }
        return b;
    }
}
