package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.gridstation.kiosk.badge.ScanResult;
import org.gridstation.kiosk.camera.CameraDesk;
import org.gridstation.kiosk.camera.CameraEvent;
import org.gridstation.kiosk.request.InvalidFieldException;

/**
 * {@code GET /api/v1/camera?after={seq}}: the newest thing the camera saw after event {@code seq},
 * for the touch page to show as it shows a keyboard scan; {@code 204} if there is none.
 */
final class CameraRoutes {
    private final CameraDesk desk;

    CameraRoutes(CameraDesk desk) {
        this.desk = desk;
    }

    /**
     * A camera event as the page reads it.
     *
     * @param seq the event's number; the page asks for events after it next
     * @param kind {@code badge} or {@code ticket}
     * @param result for a badge, the scan result, as {@code POST /api/v1/scan} answers it
     * @param ticket for a ticket QR code, the ticket number to open
     */
    record CameraView(long seq, String kind, Optional<ScanResult> result, Optional<String> ticket) {
        static CameraView of(CameraEvent e, String lang) {
            return new CameraView(e.seq(), e.kind(), e.scan().map(s -> s.in(lang)), e.ticket());
        }
    }

    void newest(Context ctx) {
        String after = ctx.queryParam("after");
        long seq;
        try {
            seq = after == null || after.isBlank() ? 0 : Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("after", "after 必须是整数", "after must be a whole number");
        }
        if (seq < 0) {
            throw new InvalidFieldException("after", "after 必须是整数", "after must be a whole number");
        }
        Optional<CameraEvent> event = desk.newestAfter(seq);
        if (event.isEmpty()) {
            ctx.status(HttpStatus.NO_CONTENT);
            return;
        }
        ctx.json(CameraView.of(event.get(), Lang.of(ctx)));
    }
}
