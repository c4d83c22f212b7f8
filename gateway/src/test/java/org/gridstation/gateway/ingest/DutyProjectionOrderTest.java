package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.gateway.duty.DutyProjection;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duty sessions are what the scans make in {@code seq} order, whatever order and batches they
 * arrive in: scans in order (each added to the last session), late ones (the sessions re-derived)
 * and both within one batch.
 */
class DutyProjectionOrderTest {
    private static final List<String> PEOPLE = List.of("p-a", "p-b");

    @TempDir
    Path dir;

    @Test
    void sessions_followTheScansInSeqOrder_whateverOrderTheyArriveIn() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            AtomicLong acked = new AtomicLong();
            EventWriter writer = new EventWriter(db, (topic, payload, qos, retained) -> {
                synchronized (acked) {
                    acked.addAndGet(Json.read(payload, Ack.class).eventIds().size());
                    acked.notifyAll();
                }
                return true;
            }, List.of(new DutyProjection()), new IngestCounters(), Clock.systemUTC());
            writer.start();
            try {
                Random random = new Random(42);
                long sent = 0;
                for (int round = 0; round < 12; round++) {
                    String station = "st-" + round;
                    List<Event> scans = scans(station, 30, random);
                    List<Event> arrival = new ArrayList<>(scans);
                    if (round % 3 != 0) { // every third station in order, the others shuffled in part
                        for (int i = 0; i < arrival.size(); i++) {
                            if (random.nextInt(4) == 0) {
                                Collections.swap(arrival, i, random.nextInt(arrival.size()));
                            }
                        }
                    }
                    int i = 0;
                    while (i < arrival.size()) {
                        int n = Math.min(arrival.size() - i, 1 + random.nextInt(8));
                        for (Event e : arrival.subList(i, i + n)) {
                            writer.submit(new Received(e, Instant.now()));
                        }
                        i += n;
                        sent += n;
                        awaitAcked(acked, sent);
                        awaitProjected(writer);
                    }
                    assertEquals(expected(scans), stored(db, station), "station " + station);
                }
            } finally {
                writer.close();
            }
        }
    }

    private static List<Event> scans(String station, int n, Random random) {
        List<Event> out = new ArrayList<>();
        for (int seq = 1; seq <= n; seq++) {
            String person = PEOPLE.get(random.nextInt(PEOPLE.size()));
            out.add(Event.of(station, seq, Instant.now(), random.nextBoolean()
                    ? new CheckIn(person, "b-" + person, Optional.empty(), true) : new CheckOut(person, "b-" + person)));
        }
        return out;
    }

    /** The sessions the scans make in seq order: "person in-event out-event" (out "-" while open). */
    private static Set<String> expected(List<Event> scans) {
        Set<String> out = new TreeSet<>();
        Map<String, String> open = new HashMap<>();
        List<Event> inOrder = new ArrayList<>(scans);
        inOrder.sort(Comparator.comparingLong(Event::seq));
        for (Event e : inOrder) {
            if (e.body() instanceof CheckIn ci && !open.containsKey(ci.personId())) {
                open.put(ci.personId(), e.id().toString());
            } else if (e.body() instanceof CheckOut co && open.containsKey(co.personId())) {
                out.add(co.personId() + " " + open.remove(co.personId()) + " " + e.id());
            }
        }
        open.forEach((person, in) -> out.add(person + " " + in + " -"));
        return out;
    }

    private static Set<String> stored(Database db, String station) {
        return db.read(c -> sessions(c, station));
    }

    private static Set<String> sessions(Connection c, String station) throws java.sql.SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT person_id, in_event_id, out_event_id FROM duty_sessions WHERE station_id=?")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + Optional.ofNullable(rs.getString(3)).orElse("-"));
                }
            }
        }
        return out;
    }

    /** Projections run after the ack, between the writer's batches: wait for them to catch up. */
    private static void awaitProjected(EventWriter writer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (writer.unprojected() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, writer.unprojected(), "projected");
    }

    private static void awaitAcked(AtomicLong acked, long n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        synchronized (acked) {
            while (acked.get() < n && System.currentTimeMillis() < deadline) {
                acked.wait(500);
            }
        }
        assertEquals(n, acked.get(), "acknowledged");
    }
}
