package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.gridstation.kiosk.badge.ScanDesk;
import org.gridstation.kiosk.badge.ScanResult;
import org.gridstation.kiosk.speech.Announcer;

/** {@code POST /api/v1/scan}: the raw text a QR scanner typed, as {@code text/plain}. */
final class ScanRoutes {
    /** Longer input cannot be a badge; it is cut here and refused as unreadable. */
    static final int MAX_SCAN_CHARS = ScanDesk.MAX_TEXT_CHARS;

    private final ScanDesk desk;
    private final Announcer announcer;

    ScanRoutes(ScanDesk desk, Announcer announcer) {
        this.desk = desk;
        this.announcer = announcer;
    }

    void scan(Context ctx) {
        String text = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        if (text.length() > MAX_SCAN_CHARS) {
            text = text.substring(0, MAX_SCAN_CHARS);
        }
        ScanResult result = desk.scan(text, Lang.of(ctx));
        announcer.scanned(result);
        ctx.json(result);
    }
}
