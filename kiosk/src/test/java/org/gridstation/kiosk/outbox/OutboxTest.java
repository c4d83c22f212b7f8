package org.gridstation.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final Duration RESEND = Duration.ofSeconds(15);
    @TempDir
    Path dir;

    private KioskDatabase open(long maxBytes) {
        return KioskDatabase.open(dir, maxBytes);
    }

    private Outbox outbox(KioskDatabase db) {
        return new Outbox(db, "hexing", Clock.systemUTC(), RESEND);
    }

    @Test
    void append_assignsGapFreeSeqFromOne_acrossReopen() {
        try (KioskDatabase db = open(1 << 24)) {
            Outbox o = outbox(db);
            assertEquals(1, o.append(new ButtonPressed("emergency")).seq());
            assertEquals(2, o.append(new ButtonPressed("emergency")).seq());
        }
        try (KioskDatabase db = open(1 << 24)) {
            Outbox o = outbox(db);
            assertEquals(2, o.lastSeq());
            assertEquals(3, o.append(new ButtonPressed("emergency")).seq());
            List<Long> seqs = o.pending().stream().map(Event::seq).toList();
            assertEquals(List.of(1L, 2L, 3L), seqs);
        }
    }

    @Test
    void events_surviveReopen_byteForByte() {
        List<Event> written = new ArrayList<>();
        try (KioskDatabase db = open(1 << 24)) {
            Outbox o = outbox(db);
            for (int i = 0; i < 20; i++) {
                written.add(o.append(new WalkInRequest("hexing-" + i, Category.ENVIRONMENT, Severity.NORMAL,
                        Optional.of("13800138000"), Optional.of("垃圾未清运"), false)));
            }
        }
        try (KioskDatabase db = open(1 << 24)) {
            assertEquals(written, outbox(db).pending());
        }
    }

    @Test
    void acknowledge_removesOnlyTheNamedIds() {
        try (KioskDatabase db = open(1 << 24)) {
            Outbox o = outbox(db);
            Event a = o.append(new ButtonPressed("emergency"));
            Event b = o.append(new ButtonPressed("emergency"));
            Event c = o.append(new ButtonPressed("emergency"));
            assertEquals(2, o.acknowledge(Set.of(a.id(), c.id(), UUID.randomUUID())));
            assertEquals(List.of(b), o.pending());
            assertEquals(1, o.pendingCount());
            assertEquals(0, o.acknowledge(Set.of(a.id())), "acking twice is harmless");
        }
    }

    @Test
    void due_skipsRecentlyPublished_untilResendAfter() {
        try (KioskDatabase db = open(1 << 24)) {
            Outbox o = outbox(db);
            Event a = o.append(new ButtonPressed("emergency"));
            Event b = o.append(new ButtonPressed("emergency"));
            Instant now = Instant.now();
            o.markPublished(List.of(a.id()), now);
            assertEquals(List.of(b), o.due(now, 10));
            assertEquals(List.of(a, b), o.due(now.plus(RESEND), 10));
            assertEquals(Optional.of(Instant.ofEpochMilli(now.toEpochMilli()).plus(RESEND)), o.nextResendAt());
        }
    }

    @Test
    void urgentEvents_leaveFirst_afterAnOutage() {
        try (KioskDatabase db = open(1 << 24)) {
            Outbox o = outbox(db);
            List<Event> routine = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                routine.add(o.append(new WalkInRequest("hexing-" + i, Category.ERRAND, Severity.NORMAL,
                        Optional.empty(), Optional.empty(), false)));
            }
            Event urgent = o.append(new WalkInRequest("hexing-9", Category.SAFETY_HAZARD, Severity.URGENT,
                    Optional.empty(), Optional.empty(), false));
            Event sos = o.append(new ButtonPressed(ButtonPressed.EMERGENCY));
            assertEquals(List.of(urgent, sos, routine.get(0)), o.due(Instant.now(), 3),
                    "urgent events first, each group in sequence order");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), o.pending().stream().map(Event::seq).toList(),
                    "sequence numbers still record the order things happened");
        }
    }

    @Test
    void fullOutbox_throwsOutboxFull_andKeepsEveryEarlierEvent() {
        List<Event> stored = new ArrayList<>();
        String note = "很长的备注".repeat(90);
        try (KioskDatabase db = open(64 * 1024)) {
            Outbox o = outbox(db);
            OutboxFullException full = assertThrows(OutboxFullException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    stored.add(o.append(new WalkInRequest("hexing-" + i, Category.OTHER, Severity.NORMAL,
                            Optional.empty(), Optional.of(note), true)));
                }
            });
            assertTrue(full.getMessage().contains("full"));
            assertTrue(stored.size() > 5, "some events fit before the limit: " + stored.size());
            assertEquals(stored, o.pending());
            assertThrows(OutboxFullException.class, () -> o.append(new WalkInRequest("hexing-y", Category.OTHER,
                    Severity.NORMAL, Optional.empty(), Optional.of(note), true)), "still full on the next try");
            // an ack frees room again
            o.acknowledge(stored.stream().limit(5).map(Event::id).toList());
            assertEquals(stored.size() + 1, o.append(new WalkInRequest("hexing-x", Category.OTHER, Severity.NORMAL,
                    Optional.empty(), Optional.empty(), true)).seq(), "no seq was used up by the refused appends");
        }
        try (KioskDatabase db = open(64 * 1024)) {
            assertEquals(stored.subList(5, stored.size()), outbox(db).pending().subList(0, stored.size() - 5));
        }
    }
}
