package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer acknowledges an event once it is stored, and its projections run later, from
 * {@code projection_cursor}: the ack does not wait for them, each stored event is projected once,
 * and what a stop (or another gateway instance) left unprojected is projected from the store.
 */
class ProjectionCursorTest {
    private static final String UNPROJECTED = "SELECT stored - projected FROM projection_cursor";

    @TempDir
    Path dir;

    /** Every event the projection saw, with how often, as read back (the event itself, to compare). */
    private final Map<UUID, List<Event>> applied = new ConcurrentHashMap<>();
    private final Set<UUID> acked = ConcurrentHashMap.newKeySet();

    private final Projection recording = (c, r) -> applied.computeIfAbsent(r.event().id(), k -> new ArrayList<>()).add(r.event());

    private final Publisher acks = (topic, payload, qos, retained) -> {
        acked.addAll(Json.read(payload, Ack.class).eventIds());
        return true;
    };

    @Test
    void acksDoNotWaitForTheProjections_andEachStoredEventIsProjectedOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Projection held = (c, r) -> {
            try {
                assertTrue(release.await(60, TimeUnit.SECONDS), "released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (Database db = TestStores.open(dir)) {
            db.start();
            EventWriter writer = new EventWriter(db, acks, List.of(held, recording), new IngestCounters(), Clock.systemUTC());
            List<Event> events = events(4, 50);
            for (Event e : events) { // queued before the writer starts: one batch
                writer.submit(new Received(e, Instant.now()));
            }
            writer.start();
            try {
                await("every event acknowledged while its projection is held", () -> acked.size() == events.size());
                assertEquals(events.size(), count(db, "SELECT COUNT(*) FROM events"));
                assertEquals(events.size(), count(db, UNPROJECTED), "stored events wait until projected");
                assertTrue(applied.isEmpty(), "nothing projected yet");
                release.countDown();
                await("projected", () -> writer.unprojected() == 0 && applied.size() == events.size());
                for (Event e : events) {
                    assertEquals(List.of(e), applied.get(e.id()), "projected once: " + e.id());
                }
                assertEquals(0, count(db, UNPROJECTED));
                for (Event e : events) { // sent again: acknowledged again, stored and projected still once
                    writer.submit(new Received(e, Instant.now()));
                }
                await("duplicates handled", () -> count(db, "SELECT COUNT(*) FROM events") == events.size()
                        && writer.unprojected() == 0);
                Thread.sleep(200);
                assertTrue(applied.values().stream().allMatch(l -> l.size() == 1), "no event projected twice");
            } finally {
                release.countDown();
                writer.close();
            }
        }
    }

    @Test
    void eventsLeftInTheQueue_areProjectedFromTheStoreAtTheNextStart() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            List<Event> events = events(3, 20);
            storeAsTheWriterDoes(db, events); // stored and acknowledged, then the gateway stopped
            EventWriter writer = new EventWriter(db, acks, List.of(recording), new IngestCounters(), Clock.systemUTC());
            writer.start();
            try {
                await("projected after the start", () -> applied.size() == events.size() && writer.unprojected() == 0);
                for (Event e : events) {
                    assertEquals(List.of(e), applied.get(e.id()), "read back from the store and projected once");
                }
                assertEquals(0, count(db, UNPROJECTED));
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void anIdleWriter_projectsWhatAnotherInstanceLeftQueued() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            EventWriter writer = new EventWriter(db, acks, List.of(recording), new IngestCounters(), Clock.systemUTC());
            writer.start();
            try {
                Thread.sleep(100);
                List<Event> events = events(2, 10);
                storeAsTheWriterDoes(db, events); // another instance stored them and stopped before projecting
                // applied inside the projection's transaction: the cursor shows it once committed
                await("projected by the idle writer", () -> applied.size() == events.size() && count(db, UNPROJECTED) == 0);
                assertEquals(new HashSet<>(events.stream().map(Event::id).toList()), applied.keySet());
            } finally {
                writer.close();
            }
        }
    }

    /** Scans and emergency presses: {@code stations} × {@code perStation}, each station's in seq order. */
    private static List<Event> events(int stations, int perStation) {
        List<Event> out = new ArrayList<>();
        for (int seq = 1; seq <= perStation; seq++) {
            for (int s = 0; s < stations; s++) {
                String station = "st-" + s;
                out.add(Event.of(station, seq, Instant.ofEpochMilli(1_700_000_000_000L + seq), seq % 2 == 0
                        ? new CheckIn("p-" + s, "b-" + s, Optional.empty(), true)
                        : new ButtonPressed("emergency")));
            }
        }
        return out;
    }

    /** What the writer commits for new events: their rows in events, numbered, and the cursor advanced. */
    private static void storeAsTheWriterDoes(Database db, List<Event> events) {
        db.write(c -> {
            long n = count(c, "SELECT stored FROM projection_cursor");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO events(id, station_id, seq, type, person_id, device_time, received_at, payload, n)
                    VALUES (?,?,?,?,?,?,?,?,?)""");
                    PreparedStatement q = c.prepareStatement("UPDATE projection_cursor SET stored = ?")) {
                for (Event e : events) {
                    ps.setString(1, e.id().toString());
                    ps.setString(2, e.stationId());
                    ps.setLong(3, e.seq());
                    ps.setString(4, e.type());
                    ps.setString(5, e.body() instanceof CheckIn ci ? ci.personId() : null);
                    ps.setLong(6, e.deviceTime().toEpochMilli());
                    ps.setLong(7, System.currentTimeMillis());
                    ps.setString(8, Json.writeString(e));
                    ps.setLong(9, ++n);
                    ps.executeUpdate();
                }
                q.setLong(1, n);
                q.executeUpdate();
            }
            return null;
        });
    }

    private static long count(Database db, String sql) {
        return db.read(c -> count(c, sql));
    }

    private static long count(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }
}
