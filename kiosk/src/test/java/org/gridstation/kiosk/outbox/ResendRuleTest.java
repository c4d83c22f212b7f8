package org.gridstation.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gridstation.kiosk.outbox.ClockJumpTest.JumpingClock;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-send rule (see {@link Outbox}): an event the broker confirmed is sent again only after a
 * reconnect, when the gateway has been silent towards the station for the (backing-off) wait, or
 * after the safety-net wait — never merely because the gateway is slow while it keeps acknowledging.
 */
class ResendRuleTest {
    private static final Duration RESEND = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-12-02T11:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSlowGatewayThatKeepsAcknowledging_getsNoResends() {
        JumpingClock clock = new JumpingClock(T0);
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            o.connected(clock.instant());
            List<Event> events = append(o, 5);
            o.markPublished(ids(events), clock.instant());
            for (int i = 0; i < 4; i++) {
                clock.jump(Duration.ofSeconds(10));
                o.acknowledge(List.of(events.get(i).id())); // one at a time, every 10 s: a long backlog
                clock.jump(Duration.ofSeconds(4));
                assertEquals(List.of(), o.due(clock.instant(), 10), "acks keep arriving: nothing is sent again");
            }
            // 56 s after the publish, the last one still waits; the old rule had re-sent all five 3 times
            assertEquals(1, o.pendingCount());
            clock.jump(RESEND);
            assertEquals(List.of(events.get(4).id()), ids(o.due(clock.instant(), 10)),
                    "silent for resendAfter: the gateway may have lost it, so it goes again");
        }
    }

    @Test
    void aSilentGateway_getsRoundsThatBackOff_untilAnAckResetsTheWait() {
        JumpingClock clock = new JumpingClock(T0);
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            o.connected(clock.instant());
            List<Event> events = append(o, 3);
            o.markPublished(ids(events), clock.instant());

            clock.jump(RESEND);
            List<Event> round1 = o.due(clock.instant(), 2);
            assertEquals(ids(events.subList(0, 2)), ids(round1), "a window of the first round");
            o.markPublished(ids(round1), clock.instant());
            assertEquals(List.of(events.get(2).id()), ids(o.due(clock.instant(), 2)), "the round goes on with the rest");
            o.markPublished(List.of(events.get(2).id()), clock.instant());
            assertEquals(List.of(), o.due(clock.instant(), 10));

            // the second round waits twice as long, the third four times
            clock.jump(RESEND);
            assertEquals(List.of(), o.due(clock.instant(), 10), "backing off");
            assertEquals(Optional.of(clock.instant().plus(RESEND)), o.nextResendAt());
            clock.jump(RESEND);
            assertEquals(ids(events), ids(o.due(clock.instant(), 10)), "round 2 after 2 × resendAfter");
            o.markPublished(ids(events), clock.instant());
            clock.jump(RESEND.multipliedBy(3));
            assertEquals(List.of(), o.due(clock.instant(), 10));
            clock.jump(RESEND);
            assertEquals(ids(events), ids(o.due(clock.instant(), 10)), "round 3 after 4 × resendAfter");
            o.markPublished(ids(events), clock.instant());

            // an ack (here for another event) shows the gateway answers again: the wait is resendAfter again
            clock.jump(Duration.ofSeconds(1));
            o.acknowledge(List.of(events.get(0).id()));
            clock.jump(RESEND.minusSeconds(1));
            assertEquals(List.of(), o.due(clock.instant(), 10), "counted from the ack");
            clock.jump(Duration.ofSeconds(1));
            assertEquals(ids(events.subList(1, 3)), ids(o.due(clock.instant(), 10)));
        }
    }

    @Test
    void aReconnect_sendsAgainWhatTheBrokerConfirmedBefore_once() {
        JumpingClock clock = new JumpingClock(T0);
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            o.connected(clock.instant());
            List<Event> events = append(o, 2);
            o.markPublished(ids(events), clock.instant());
            clock.jump(Duration.ofSeconds(2));
            assertEquals(List.of(), o.due(clock.instant(), 10));

            o.connected(clock.instant()); // the broker restarted in memory, say: it may have lost them
            assertEquals(ids(events), ids(o.due(clock.instant(), 10)));
            o.markPublished(ids(events), clock.instant());
            assertEquals(List.of(), o.due(clock.instant(), 10), "once per connection");
        }
    }

    @Test
    void theSafetyNet_sendsAnEventAgain_evenWhileOtherAcksKeepArriving() {
        JumpingClock clock = new JumpingClock(T0);
        try (KioskDatabase db = KioskDatabase.open(dir, 1 << 24)) {
            Outbox o = new Outbox(db, "hexing", clock, RESEND);
            o.connected(clock.instant());
            Event lost = o.append(new ButtonPressed(ButtonPressed.EMERGENCY));
            o.markPublished(List.of(lost.id()), clock.instant());
            Duration safety = RESEND.multipliedBy(Outbox.SAFETY_FACTOR);
            for (Duration d = Duration.ZERO; d.compareTo(safety.minusSeconds(10)) < 0; d = d.plusSeconds(10)) {
                clock.jump(Duration.ofSeconds(10));
                o.acknowledge(List.of(UUID.randomUUID())); // acks for the station's other, later events
                assertEquals(List.of(), o.due(clock.instant(), 10));
            }
            clock.jump(Duration.ofSeconds(10));
            assertEquals(List.of(lost.id()), ids(o.due(clock.instant(), 10)));
        }
    }

    private static List<Event> append(Outbox o, int n) {
        List<Event> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(o.append(new ButtonPressed("help")));
        }
        return out;
    }

    private static List<UUID> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }
}
