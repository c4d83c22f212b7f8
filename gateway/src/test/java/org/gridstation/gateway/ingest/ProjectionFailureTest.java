package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A projection that fails for one event of a batch, after writing part of its state: that event is
 * stored and acknowledged without any of its state, and every other event of the batch is stored
 * and applied (the writer runs a batch without savepoints and, when a projection fails, runs it
 * again with a savepoint per event).
 */
class ProjectionFailureTest {
    private static final String STATION = "st-1";

    @TempDir
    Path dir;

    @Test
    void aFailingProjection_keepsItsEvent_andTheRestOfTheBatchIsApplied() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE projected(event_id TEXT PRIMARY KEY, step INTEGER NOT NULL)");
                }
                return null;
            });
            AtomicInteger rolledBack = new AtomicInteger();
            AtomicInteger committed = new AtomicInteger();
            Projection failsOnThird = new Projection() {
                @Override
                public void apply(Connection c, Received r) throws SQLException {
                    insert(c, r, 1);
                    if (r.event().seq() == 3) {
                        throw new SQLException("projection failed on purpose");
                    }
                    insert(c, r, 2);
                }

                @Override
                public void committed() {
                    committed.incrementAndGet();
                }

                @Override
                public void rolledBack() {
                    rolledBack.incrementAndGet();
                }
            };
            List<Ack> acks = new ArrayList<>();
            IngestCounters counters = new IngestCounters();
            EventWriter writer = new EventWriter(db, (topic, payload, qos, retained) -> {
                synchronized (acks) {
                    acks.add(Json.read(payload, Ack.class));
                    acks.notifyAll();
                }
                return true;
            }, List.of(failsOnThird), counters, Clock.systemUTC());
            List<Event> events = new ArrayList<>();
            for (int seq = 1; seq <= 5; seq++) {
                Event e = Event.of(STATION, seq, Instant.now(), new ButtonPressed("help"));
                events.add(e);
                writer.submit(new Received(e, Instant.now())); // queued before the writer starts: one batch
            }
            writer.start();
            synchronized (acks) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (acks.stream().mapToInt(a -> a.eventIds().size()).sum() < 5 && System.currentTimeMillis() < deadline) {
                    acks.wait(1_000);
                }
            }
            writer.close();

            assertEquals(5, acks.stream().mapToInt(a -> a.eventIds().size()).sum(), "every event acknowledged");
            assertEquals(1, counters.batches.sum(), "one batch");
            assertEquals(5, counters.accepted.sum());
            assertEquals(5, TestStores.count(dir, "SELECT count(*) FROM events"), "every event stored, the failing one too");
            assertEquals(0, TestStores.count(dir, "SELECT count(*) FROM projected WHERE event_id LIKE ?",
                    events.get(2).id() + "%"), "none of the failing event's state");
            assertEquals(8, TestStores.count(dir, "SELECT count(*) FROM projected"), "the four others' state, whole");
            assertEquals(1, rolledBack.get(), "the first run of the batch, rolled back");
            assertEquals(1, committed.get());
            assertTrue(acks.stream().allMatch(a -> a.stationId().equals(STATION)));
        }
    }

    private static void insert(Connection c, Received r, int step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO projected(event_id, step) VALUES (?,?)")) {
            ps.setString(1, r.event().id() + (step == 1 ? "" : "-" + step));
            ps.setInt(2, step);
            ps.executeUpdate();
        }
    }
}
