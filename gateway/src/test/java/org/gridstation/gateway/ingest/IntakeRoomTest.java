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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The intake keeps taking events while the writer is busy with a batch, up to
 * {@link EventWriter#MAX_PENDING}: with an external broker, events the gateway does not take wait
 * in the broker's queue for its session, and Mosquitto drops what is beyond its limit. Before, a
 * queue of 50,000 filled while a batch was written and the MQTT callback waited for the next one.
 */
class IntakeRoomTest {
    @TempDir
    Path dir;

    @Test
    void whileABatchIsWritten_theIntakeTakesFarMoreThanTheOldQueue_andEveryEventIsStoredOnce() throws Exception {
        int total = 60_000;
        int resent = 1_000;
        try (Database db = TestStores.open(dir)) {
            db.start();
            CountDownLatch inFirstBatch = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Projection holdsTheFirstBatch = (c, r) -> {
                inFirstBatch.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Set<UUID> acked = new HashSet<>();
            IngestCounters counters = new IngestCounters();
            EventWriter writer = new EventWriter(db, (topic, payload, qos, retained) -> {
                synchronized (acked) {
                    acked.addAll(Json.read(payload, Ack.class).eventIds());
                    acked.notifyAll();
                }
                return true;
            }, List.of(holdsTheFirstBatch), counters, Clock.systemUTC());
            writer.start();
            List<Event> events = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                events.add(Event.of("st-" + (i % 500), i / 500 + 1, Instant.now(), new ButtonPressed("help")));
            }
            writer.submit(new Received(events.get(0), Instant.now()));
            assertTrue(inFirstBatch.await(10, TimeUnit.SECONDS), "the writer started its first batch");

            ExecutorService intake = Executors.newSingleThreadExecutor();
            try {
                Future<?> submitted = intake.submit(() -> {
                    for (int i = 1; i < total; i++) {
                        writer.submit(new Received(events.get(i), Instant.now()));
                    }
                    for (int i = 0; i < resent; i++) { // re-sent before the first copies were written
                        writer.submit(new Received(events.get(i), Instant.now()));
                    }
                });
                submitted.get(30, TimeUnit.SECONDS); // throws TimeoutException if the intake waits for the writer
                assertEquals(total - 1 + resent, writer.pending(),
                        "everything but the first batch's one event waits for the writer");
            } finally {
                release.countDown();
                intake.shutdown();
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (acked) {
                while ((acked.size() < total || counters.accepted.sum() + counters.duplicates.sum() < total + resent)
                        && System.nanoTime() < deadline) {
                    acked.wait(500);
                }
                assertEquals(total, acked.size(), "every event acknowledged once the writer goes on");
            }
            assertEquals(0, writer.pending());
            writer.close();
            assertEquals(total, TestStores.count(dir, "SELECT count(*) FROM events"), "each event stored once");
            assertEquals(total, counters.accepted.sum());
            assertEquals(resent, counters.duplicates.sum(), "the re-sent copies counted as duplicates");
        }
    }
}
