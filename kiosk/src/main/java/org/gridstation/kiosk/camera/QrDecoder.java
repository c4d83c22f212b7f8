package org.gridstation.kiosk.camera;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
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

    /** The text of the QR code in {@code frame}, or empty if there is none that can be read. */
    public Optional<String> decode(BufferedImage frame) {
        if (frame.getWidth() > MAX_SIDE || frame.getHeight() > MAX_SIDE) {
            return Optional.empty();
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(frame)));
        try {
            Result result = new QRCodeReader().decode(bitmap, HINTS);
            return Optional.of(result.getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException e) { // checksum or format error: a damaged or partial code
            return Optional.empty();
        }
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
