package org.gridstation.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.protocol.badge.RefusalReason;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.EventBody;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.ScanRefused;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.event.WalkInRequest;

/**
 * {@code ./gridstation bench outbox}: how big the kiosk's outbox (a real SQLite file, WAL,
 * {@code synchronous=FULL}) grows when a busy station is offline for a number of days and nothing
 * is acknowledged.
 *
 * <p>A busy station's day, from PRODUCT.md's night duty and walk-in requests: 40 badge scans (20
 * volunteers in and out), 2 refused scans, 15 walk-in requests with a phone number and a note of
 * 40 characters, 3 ticket ratings and 1 emergency press. Heartbeats are not stored in the outbox
 * (they are QoS 0 status, sent only while connected), so they take no room here.
 */
public final class OutboxWeekBenchmark {
    /** Events of one busy day, by kind. */
    static final Map<String, Integer> BUSY_DAY = busyDay();

    private static final String NOTE = "村东头路灯坏了一个多星期，晚上老人出门不方便，请尽快派人来修理，谢谢。".repeat(2).substring(0, 40);

    private final Path data;
    private final int days;

    public OutboxWeekBenchmark(Path data, int days) {
        this.data = data;
        this.days = days;
    }

    /** The figures. */
    public record Result(int days, long events, long sizeBytes, long fileBytes, long appendMicrosMedian, long maxBytes) {
        public String report() {
            double perEvent = (double) sizeBytes / events;
            return String.format("""
                    GridStation outbox benchmark (a busy station offline for %d days, nothing acknowledged)
                      busy day:                %s = %d events
                      events stored:           %d
                      outbox size (pages):     %,d bytes (%.1f KiB), %.0f bytes per event
                      files on disk (db + WAL): %,d bytes
                      append, median:          %d µs (one committed transaction each, synchronous=FULL)
                      room at the default cap: %,d bytes = about %,d days of such events
                    """, days, BUSY_DAY, perDay(), events, sizeBytes, sizeBytes / 1024.0, perEvent, fileBytes,
                    appendMicrosMedian, maxBytes, (long) (maxBytes / (perEvent * perDay())));
        }
    }

    static int perDay() {
        return BUSY_DAY.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Result run() throws IOException {
        Files.createDirectories(data);
        long maxBytes = KioskConfig.DEFAULT_OUTBOX_MAX_BYTES;
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        long[] micros = new long[days * perDay()];
        int n = 0;
        try (KioskDatabase db = KioskDatabase.open(data, maxBytes)) {
            for (int day = 0; day < days; day++) {
                Clock clock = Clock.fixed(start.plus(Duration.ofDays(day)), ZoneOffset.UTC);
                Outbox outbox = new Outbox(db, "hexing", clock, KioskConfig.DEFAULT_RESEND_AFTER);
                int ticket = day * 15;
                for (int i = 0; i < 20; i++) {
                    micros[n++] = timed(outbox, new CheckIn("p-" + (100 + i), "b-p-" + (100 + i), Optional.of("night-" + day), true));
                }
                for (int i = 0; i < 15; i++) {
                    micros[n++] = timed(outbox, new WalkInRequest("hexing-" + (++ticket),
                            Category.values()[i % Category.values().length], i == 0 ? Severity.URGENT : Severity.NORMAL,
                            Optional.of("13800571234"), Optional.of(NOTE),
                            false));
                }
                for (int i = 0; i < 20; i++) {
                    micros[n++] = timed(outbox, new CheckOut("p-" + (100 + i), "b-p-" + (100 + i)));
                }
                for (int i = 0; i < 2; i++) {
                    micros[n++] = timed(outbox, new ScanRefused(RefusalReason.EXPIRED, Optional.of("b-p-9" + i), Optional.of("p-9" + i)));
                }
                for (int i = 0; i < 3; i++) {
                    micros[n++] = timed(outbox, new TicketFeedback("hexing-" + (ticket - 20 - i), Rating.SATISFIED));
                }
                micros[n++] = timed(outbox, new ButtonPressed(ButtonPressed.EMERGENCY));
            }
            long events = new Outbox(db, "hexing", Clock.systemUTC(), KioskConfig.DEFAULT_RESEND_AFTER).pendingCount();
            long size = db.sizeBytes();
            long files = 0;
            for (String suffix : new String[] {"", "-wal"}) {
                Path f = db.file().resolveSibling(db.file().getFileName() + suffix);
                files += Files.exists(f) ? Files.size(f) : 0;
            }
            java.util.Arrays.sort(micros, 0, n);
            return new Result(days, events, size, files, micros[n / 2], maxBytes);
        }
    }

    private static long timed(Outbox outbox, EventBody body) {
        long t0 = System.nanoTime();
        outbox.append(body);
        return (System.nanoTime() - t0) / 1_000;
    }

    private static Map<String, Integer> busyDay() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("check-in", 20);
        m.put("check-out", 20);
        m.put("walk-in-request", 15);
        m.put("scan-refused", 2);
        m.put("ticket-feedback", 3);
        m.put("button-pressed", 1);
        return m;
    }
}
