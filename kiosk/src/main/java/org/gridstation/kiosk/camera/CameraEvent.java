package org.gridstation.kiosk.camera;

import java.util.Optional;
import org.gridstation.kiosk.badge.ScanDesk;

/**
 * Something the camera saw and the kiosk acted on: a badge (scanned as a keyboard scanner's would
 * be) or a ticket's tracking QR code (for the touch page to open the ticket).
 *
 * @param seq this event's number, rising from 1 since the kiosk started
 * @param kind {@link #BADGE} or {@link #TICKET}
 * @param scan for a badge, its result in both languages
 * @param ticket for a ticket QR code, the ticket number
 * @param seenAtNanos when it was seen ({@link System#nanoTime()})
 */
public record CameraEvent(long seq, String kind, Optional<ScanDesk.Scanned> scan, Optional<String> ticket,
        long seenAtNanos) {
    public static final String BADGE = "badge";
    public static final String TICKET = "ticket";

    public CameraEvent {
        if (BADGE.equals(kind) == (scan == null || scan.isEmpty()) || TICKET.equals(kind) == (ticket == null || ticket.isEmpty())
                || !(BADGE.equals(kind) || TICKET.equals(kind))) {
            throw new IllegalArgumentException("a badge event has a scan result, a ticket event a ticket");
        }
    }
}
