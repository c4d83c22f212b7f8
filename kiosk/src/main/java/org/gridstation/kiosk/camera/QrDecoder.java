package org.gridstation.kiosk.camera;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Finds and decodes one QR code in a camera frame or an image file (PNG, JPEG, GIF, BMP). */
public final class QrDecoder {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QrDecoder.class);
    /** Frames larger than this (either side) are refused rather than decoded: no camera sends them. */
    public static final int MAX_SIDE = 4096;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "UTF-8");
    private static final Map<DecodeHintType, Object> PURE_HINTS = Map.of(
            DecodeHintType.PURE_BARCODE, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "UTF-8");

    /** The text of the QR code in {@code frame}, or empty if there is none that can be read. */
    public Optional<String> decode(BufferedImage frame) {
        if (frame.getWidth() > MAX_SIDE || frame.getHeight() > MAX_SIDE) {
            return Optional.empty();
        }
        LuminanceSource source = new BufferedImageLuminanceSource(frame);
        // ZXing's local-contrast binarizer misses about 2 % of clean badge images (a finder
        // pattern it does not see at some module widths); the global one and the pure-barcode
        // reading find those, and a camera frame the first misses gets the same second chances
        for (Binarizer binarizer : List.of(new HybridBinarizer(source), new GlobalHistogramBinarizer(source))) {
            for (Map<DecodeHintType, Object> hints : List.of(HINTS, PURE_HINTS)) {
                try {
                    return Optional.of(new QRCodeReader().decode(new BinaryBitmap(binarizer), hints).getText());
                } catch (ReaderException e) { // not found, or a checksum or format error: a damaged or partial code
                    // the next way
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The text of the QR code in an encoded image, or empty if the bytes are no image this JDK
     * reads, are larger than {@link #MAX_SIDE} on a side (checked before the pixels are decoded,
     * so a small file claiming a huge image costs nothing), or hold no readable QR code.
     */
    public Optional<String> decode(byte[] image) {
        // in memory: ImageIO's default stream would cache the bytes in a temporary file (SD card wear,
        // and one more thing that can fail)
        try (ImageInputStream in = new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) {
                    return Optional.empty();
                }
                return decode(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the image ({} bytes): {}", image.length, e.toString());
            return Optional.empty();
        }
    }
}
