package org.gridstation.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi has no real-time clock: after a power cut it may start hours in the past until NTP answers,
 * or jump days ahead. The outbox orders by sequence number, never by the device's clock, so such
 * jumps neither reorder nor lose events, across restarts too.
 */
class ClockJumpTest {
    private static final Duration RESEND = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-11-23T11:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test sets, as NTP or a dead RTC would. */
    static final class JumpingClock extends Clock {
        private volatile Instant now;

        JumpingClock(Instant start) {
            now = start;
        }

        void set(Instant to) {
            now = to;
        }

        void jump(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void clockGoingBackHoursAndForwardDays_neitherReordersNorLosesEvents_acrossARestart() {
        JumpingClock clock = new JumpingClock(T0);
        List<UUID> appended = new ArrayList<>();
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            appended.add(o.append(new CheckIn("p-1", "b-p-1", java.util.Optional.empty(), true)).id());
            clock.jump(Duration.ofHours(-6)); // power cut, no RTC: the Pi boots six hours in the past
            appended.add(o.append(request(1)).id());
            appended.add(o.append(new CheckOut("p-1", "b-p-1")).id());
        }
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            clock.jump(Duration.ofDays(3)); // NTP answers, or a bad one: three days ahead
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            appended.add(o.append(request(2)).id());
            clock.set(T0.minus(Duration.ofDays(400))); // a battery-less board's default date
            appended.add(o.append(new CheckIn("p-2", "b-p-2", java.util.Optional.empty(), false)).id());

            List<Event> pending = o.pending();
            assertEquals(appended, pending.stream().map(Event::id).toList(), "all kept, in the order they happened");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), pending.stream().map(Event::seq).toList());
            assertEquals(appended, o.due(clock.instant(), 100).stream().map(Event::id).toList(),
                    "published in seq order whatever the device time says");
            assertTrue(pending.get(1).deviceTime().isBefore(pending.get(0).deviceTime()),
                    "the device time is recorded as it was, not trusted");
        }
    }

    @Test
    void eventPublishedBeforeTheClockWentBack_isStillSentAgain_notHeldBackForHours() {
        JumpingClock clock = new JumpingClock(T0);
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            Event e = o.append(new ButtonPressed(ButtonPressed.EMERGENCY));
            o.markPublished(List.of(e.id()), clock.instant()); // handed to the broker, never acknowledged
            assertEquals(List.of(), o.due(clock.instant(), 10), "waiting for the ack");

            clock.jump(Duration.ofHours(-5));
            assertEquals(List.of(e.id()), o.due(clock.instant(), 10).stream().map(Event::id).toList(),
                    "a publish time in the future means the clock went back: send again now");

            o.markPublished(List.of(e.id()), clock.instant());
            clock.jump(Duration.ofDays(2));
            assertEquals(List.of(e.id()), o.due(clock.instant(), 10).stream().map(Event::id).toList(),
                    "forward: overdue, sent again (the gateway stores it once)");
            o.acknowledge(List.of(e.id()));
            assertEquals(0, o.pendingCount());
        }
    }

    @Test
    void urgentEventsStillGoFirst_andRoutineOnesKeepTheirSeqOrder_whateverTheClock() {
        JumpingClock clock = new JumpingClock(T0);
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            Event a = o.append(request(1));
            clock.jump(Duration.ofDays(-1));
            Event b = o.append(request(2));
            clock.jump(Duration.ofDays(5));
            Event sos = o.append(new ButtonPressed(ButtonPressed.EMERGENCY));
            clock.jump(Duration.ofHours(-30));
            Event c = o.append(request(3));
            assertEquals(List.of(sos.id(), a.id(), b.id(), c.id()),
                    o.due(clock.instant(), 10).stream().map(Event::id).toList());
        }
    }

    private static WalkInRequest request(int n) {
        return new WalkInRequest("hexing-" + n, Category.OTHER, Severity.NORMAL, java.util.Optional.empty(),
                java.util.Optional.empty(), false);
    }
}
