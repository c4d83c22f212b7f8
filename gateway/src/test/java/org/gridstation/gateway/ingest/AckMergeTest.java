package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the broker takes acks slowly, the batches the writer commits in the meantime reach a
 * station as one ack, not one per batch: the acks waiting shrink instead of growing with every
 * batch (a county burst through Mosquitto, docs/scaling.md, round 8).
 */
class AckMergeTest {
    @TempDir
    Path dir;

    @Test
    void batchesCommittedWhileAnAckIsStuck_goOutAsOneAckPerStation_namingEveryEvent() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            CountDownLatch firstAckStuck = new CountDownLatch(1);
            CountDownLatch brokerReads = new CountDownLatch(1);
            List<List<UUID>> acks = new ArrayList<>();
            IngestCounters counters = new IngestCounters();
            EventWriter writer = new EventWriter(db, (topic, payload, qos, retained) -> {
                firstAckStuck.countDown();
                try {
                    brokerReads.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (acks) {
                    acks.add(Json.read(payload, Ack.class).eventIds());
                }
                return true;
            }, List.of(), counters, Clock.systemUTC());
            writer.start();
            try {
                Set<UUID> sent = new HashSet<>();
                long seq = 1;
                sent.add(submit(writer, seq++));
                assertTrue(firstAckStuck.await(10, TimeUnit.SECONDS), "the first batch's ack is being published");
                for (int batch = 0; batch < 3; batch++) { // three more batches, each committed before the next
                    for (int i = 0; i < 10; i++) {
                        sent.add(submit(writer, seq++));
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (counters.accepted.sum() < sent.size() && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    assertEquals(sent.size(), counters.accepted.sum(), "batch " + (batch + 2) + " committed");
                }
                brokerReads.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (acked(acks).size() < sent.size() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(sent, acked(acks), "every event acknowledged");
                synchronized (acks) {
                    assertEquals(2, acks.size(), "the first batch's ack, then one for the three batches behind it");
                    assertEquals(30, acks.get(1).size());
                }
            } finally {
                brokerReads.countDown();
                writer.close();
            }
        }
    }

    /**
     * A county's reconnect through a broker that delivers the events a few at a time: the writer
     * stores them in many small batches, each spanning many stations. The acks of a busy stretch go
     * out in rounds of {@link EventWriter#ACK_LINGER_NANOS}, one message per station, not one per
     * station and batch (about one per event through Mosquitto, which then re-sent everything
     * once more, docs/scaling.md round 9); a quiet station's ack afterwards goes at once.
     */
    @Test
    void underLoad_aStationHearsOneAckPerRound_notOnePerBatch() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Map<String, List<Long>> ackTimes = new ConcurrentHashMap<>();
            Set<UUID> acked = ConcurrentHashMap.newKeySet();
            EventWriter writer = new EventWriter(db, (topic, payload, qos, retained) -> {
                Ack ack = Json.read(payload, Ack.class);
                ackTimes.computeIfAbsent(ack.stationId(), k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                acked.addAll(ack.eventIds());
                return true;
            }, List.of(), new IngestCounters(), Clock.systemUTC());
            writer.start();
            try {
                int stations = EventWriter.ACK_LINGER_STATIONS + 50;
                Set<UUID> sent = new HashSet<>();
                for (int batch = 1; batch <= 6; batch++) { // six batches, 100 ms apart, all stations in each
                    for (int s = 0; s < stations; s++) {
                        sent.add(submit(writer, "st-" + s, batch));
                    }
                    Thread.sleep(100);
                }
                awaitAcked(acked, sent);
                for (int s = 0; s < stations; s++) {
                    int n = ackTimes.get("st-" + s).size();
                    assertTrue(n <= 3, "st-" + s + " heard " + n + " acks for 6 batches");
                }
                Thread.sleep(EventWriter.ACK_LINGER_NANOS / 1_000_000 + 200); // the busy stretch is over
                long before = System.nanoTime();
                UUID quiet = submit(writer, "st-quiet", 1);
                awaitAcked(acked, Set.of(quiet));
                long ms = (ackTimes.get("st-quiet").get(0) - before) / 1_000_000;
                assertTrue(ms < EventWriter.ACK_LINGER_NANOS / 1_000_000, "a quiet station's ack waits for no round: " + ms + " ms");
            } finally {
                writer.close();
            }
        }
    }

    private static void awaitAcked(Set<UUID> acked, Set<UUID> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!acked.containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(acked.containsAll(ids), "every event acknowledged");
    }

    private static UUID submit(EventWriter writer, long seq) {
        return submit(writer, "st-1", seq);
    }

    private static UUID submit(EventWriter writer, String station, long seq) {
        Event e = Event.of(station, seq, Instant.now(), new ButtonPressed("help"));
        writer.submit(new Received(e, Instant.now()));
        return e.id();
    }

    private static Set<UUID> acked(List<List<UUID>> acks) {
        synchronized (acks) {
            Set<UUID> all = new HashSet<>();
            acks.forEach(all::addAll);
            return all;
        }
    }
}
