package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.gridstation.kiosk.badge.ScanDesk;

/** {@code POST /api/v1/scan}: the raw text a QR scanner typed, as {@code text/plain}. */
final class ScanRoutes {
    /** Longer input cannot be a badge; it is cut here and refused as unreadable. */
    static final int MAX_SCAN_CHARS = 2048;

    private final ScanDesk desk;

    ScanRoutes(ScanDesk desk) {
        this.desk = desk;
    }

    void scan(Context ctx) {
        String text = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        if (text.length() > MAX_SCAN_CHARS) {
            text = text.substring(0, MAX_SCAN_CHARS);
        }
        ctx.json(desk.scan(text, Lang.of(ctx)));
    }
}
