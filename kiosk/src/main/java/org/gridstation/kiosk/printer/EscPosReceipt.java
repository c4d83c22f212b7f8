package org.gridstation.kiosk.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * One printed ticket as ESC/POS bytes: Chinese text in GB18030 (the printers sold in China take it
 * in their Chinese character mode), the tracking URL as a QR code drawn by the printer itself
 * ({@code GS ( k}, model 2, error correction Q), then a feed and a cut.
 *
 * @param station the station's name
 * @param ticket the ticket number
 * @param category what it is about, in Chinese
 * @param severity how serious, in Chinese
 * @param time when it was filed, as the villager reads it (town time)
 * @param trackingUrl the ticket's tracking page, if the gateway's public address is known
 */
public record EscPosReceipt(String station, String ticket, String category, String severity, String time,
        Optional<String> trackingUrl) {
    static final Charset GB18030 = Charset.forName("GB18030");
    static final byte ESC = 0x1b;
    static final byte GS = 0x1d;
    static final byte FS = 0x1c;
    /** QR module size in dots (1–16); 6 gives a code about 3 cm wide for a 60-character URL. */
    static final int QR_MODULE = 6;

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, ESC, '@');                 // initialise
        write(out, FS, '&');                  // Chinese character mode (GB18030 double-byte text)
        write(out, ESC, 'a', 1);              // centre
        write(out, GS, '!', 0x11);            // double width and height
        text(out, station);
        write(out, GS, '!', 0x00);
        text(out, "受理回执");
        text(out, "受理编号");
        write(out, GS, '!', 0x33);            // four times: the number is what the villager keeps
        text(out, ticket);
        write(out, GS, '!', 0x00);
        write(out, ESC, 'a', 0);              // left
        text(out, "类别：" + category);
        text(out, "紧急程度：" + severity);
        text(out, "时间：" + time);
        trackingUrl.ifPresent(url -> {
            write(out, ESC, 'a', 1);
            text(out, "扫码查看办理进度");
            qr(out, url);
            write(out, ESC, 'a', 0);
        });
        text(out, "请保管好本回执。");
        write(out, ESC, 'd', 4);              // feed four lines
        write(out, GS, 'V', 66, 0);           // feed to the cutter and cut
        return out.toByteArray();
    }

    private static void qr(ByteArrayOutputStream out, String url) {
        byte[] data = url.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        write(out, GS, '(', 'k', 4, 0, 49, 65, 50, 0);             // model 2
        write(out, GS, '(', 'k', 3, 0, 49, 67, QR_MODULE);         // module size
        write(out, GS, '(', 'k', 3, 0, 49, 69, 50);                // error correction Q
        int n = data.length + 3;
        write(out, GS, '(', 'k', n & 0xff, n >> 8, 49, 80, 48);    // store the data …
        out.writeBytes(data);
        write(out, GS, '(', 'k', 3, 0, 49, 81, 48);                // … and print it
        out.write('\n');
    }

    private static void text(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(GB18030));
        out.write('\n');
    }

    private static void write(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }
}
