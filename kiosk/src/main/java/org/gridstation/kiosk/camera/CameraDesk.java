package org.gridstation.kiosk.camera;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridstation.kiosk.badge.ScanDesk;
import org.gridstation.kiosk.speech.Announcer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a camera sees goes through here: the camera stream on a Pi and the simulator's
 * scanned image files alike. A text seen again while it has not been out of sight for
 * {@link #REPEAT_WINDOW} is ignored (a badge held in front of the camera is one scan, not a
 * check-in and a check-out). A ticket's tracking URL ({@code …/tickets/{ticket}}) becomes a
 * {@link CameraEvent#TICKET} event for the touch page to open; anything else is a badge:
 * {@link ScanDesk#scan(String)}, the buzzer and the spoken prompt as for a keyboard scan, and a
 * {@link CameraEvent#BADGE} event with the result. The touch page polls {@link #newestAfter(long)}.
 * Thread-safe: one scan at a time.
 */
public final class CameraDesk {
    private static final Logger log = LoggerFactory.getLogger(CameraDesk.class);
    /** How long a text must be out of sight before it counts as a new scan. */
    public static final Duration REPEAT_WINDOW = Duration.ofSeconds(3);
    /** An event older than this is no longer shown: whoever scanned has walked away. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(10);
    /** A ticket's tracking page, as the touch page recognises it from a keyboard scanner. */
    public static final Pattern TICKET_URL = Pattern.compile("^https?://\\S*/tickets/([A-Za-z0-9_-]{1,64})/?$",
            Pattern.CASE_INSENSITIVE);
    private static final int KEPT_EVENTS = 16;
    private static final int KEPT_TEXTS = 32;

    private final ScanDesk scanDesk;
    private final Announcer announcer;
    private final LongSupplier nanos;
    private final long repeatNanos;
    /** Text → when last seen and the event it gave (null if its scan failed), oldest first. */
    private final LinkedHashMap<String, Seen> recent = new LinkedHashMap<>();
    private final Deque<CameraEvent> events = new ArrayDeque<>();
    private long seq;
    private long repeats;

    public CameraDesk(ScanDesk scanDesk, Announcer announcer) {
        this(scanDesk, announcer, System::nanoTime, REPEAT_WINDOW);
    }

    /** With a clock of nanoseconds ({@link System#nanoTime()} or a test's) and the repeat window. */
    public CameraDesk(ScanDesk scanDesk, Announcer announcer, LongSupplier nanos, Duration repeatWindow) {
        this.scanDesk = scanDesk;
        this.announcer = announcer;
        this.nanos = nanos;
        this.repeatNanos = repeatWindow.toNanos();
    }

    private record Seen(long atNanos, CameraEvent event) {
    }

    /**
     * The camera read {@code text}. Returns the event it gave; for a repeat, the event the text gave
     * when first seen (nothing is done again), or empty if that scan failed or the text is blank.
     *
     * @throws org.gridstation.kiosk.outbox.OutboxFullException if a badge scan cannot be stored
     */
    public synchronized Optional<CameraEvent> seen(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > ScanDesk.MAX_TEXT_CHARS) {
            t = t.substring(0, ScanDesk.MAX_TEXT_CHARS); // as a typed scan: cut, then refused as unreadable
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        long now = nanos.getAsLong();
        forgetOld(now);
        Seen before = recent.remove(t);
        if (before != null) {
            repeats++;
            recent.put(t, new Seen(now, before.event())); // still in sight: the window starts again
            log.debug("camera: the same code again, ignored");
            return Optional.ofNullable(before.event());
        }
        recent.put(t, new Seen(now, null)); // a failing scan is not retried frame after frame
        CameraEvent event;
        Matcher ticket = TICKET_URL.matcher(t);
        if (ticket.matches()) {
            event = new CameraEvent(++seq, CameraEvent.TICKET, Optional.empty(), Optional.of(ticket.group(1)), now);
            log.info("camera: ticket QR code {}", ticket.group(1));
        } else {
            ScanDesk.Scanned scanned = scanDesk.scan(t);
            announcer.scanned(scanned.zh());
            event = new CameraEvent(++seq, CameraEvent.BADGE, Optional.of(scanned), Optional.empty(), now);
        }
        recent.put(t, new Seen(now, event));
        events.addLast(event);
        while (events.size() > KEPT_EVENTS) {
            events.removeFirst();
        }
        return Optional.of(event);
    }

    /**
     * The newest event numbered above {@code after}, if it is still fresh. A number above any this
     * kiosk has given comes from a page that saw a previous run of the kiosk: it is taken as 0.
     */
    public synchronized Optional<CameraEvent> newestAfter(long after) {
        long from = after > seq ? 0 : after;
        CameraEvent newest = events.peekLast();
        if (newest == null || newest.seq() <= from || nanos.getAsLong() - newest.seenAtNanos() > FRESH_FOR.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(newest);
    }

    /** Events given since start. */
    public synchronized long eventCount() {
        return seq;
    }

    /** Sightings ignored as repeats since start. */
    public synchronized long repeats() {
        return repeats;
    }

    private void forgetOld(long now) {
        Iterator<Map.Entry<String, Seen>> it = recent.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Seen> e = it.next();
            if (now - e.getValue().atNanos() > repeatNanos || recent.size() > KEPT_TEXTS) {
                it.remove();
            }
        }
    }
}
