package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

    private static UUID submit(EventWriter writer, long seq) {
        Event e = Event.of("st-1", seq, Instant.now(), new ButtonPressed("help"));
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
