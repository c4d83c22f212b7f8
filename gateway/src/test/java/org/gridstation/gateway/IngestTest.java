package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gridstation.gateway.ingest.IngestStats;
import org.gridstation.gateway.ingest.RejectReason;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest through a real embedded broker into a real SQLite store. */
class IngestTest {
    @TempDir
    static Path dir;
    static GatewayApp app;

    @BeforeAll
    static void start() {
        app = GatewayApp.start(TestSupport.config(dir));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Event request(String station, long seq) {
        return Event.of(station, seq, Instant.now(), new WalkInRequest(station + "-" + seq, Category.ENVIRONMENT,
                Severity.NORMAL, Optional.of("13900000000"), Optional.of("垃圾"), false));
    }

    private static Set<UUID> ackedIds(TestMqtt kiosk, String station) {
        Set<UUID> ids = new HashSet<>();
        kiosk.on(Topics.ack(station)).forEach(r -> ids.addAll(r.as(Ack.class).eventIds()));
        return ids;
    }

    @Test
    void event_isStoredOnceAndAcked() throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, "st-once")) {
            kiosk.subscribe(Topics.ack("st-once"));
            Event e = request("st-once", 1);
            kiosk.publishJson(Topics.events("st-once"), e);
            await("ack", () -> ackedIds(kiosk, "st-once").contains(e.id()));
            assertEquals(1, count(dir, "SELECT COUNT(*) FROM events WHERE id=?", e.id().toString()));
        }
    }

    @Test
    void sameEventThreeTimes_isStoredOnceAndAckedEachTime() throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, "st-dup")) {
            kiosk.subscribe(Topics.ack("st-dup"));
            Event e = request("st-dup", 1);
            for (int i = 1; i <= 3; i++) {
                kiosk.publishJson(Topics.events("st-dup"), e);
                int n = i;
                await("ack " + i, () -> kiosk.on(Topics.ack("st-dup")).stream()
                        .filter(r -> r.as(Ack.class).eventIds().contains(e.id())).count() >= n);
            }
            assertEquals(1, count(dir, "SELECT COUNT(*) FROM events WHERE id=?", e.id().toString()));
            assertEquals(1, count(dir, "SELECT COUNT(*) FROM incidents WHERE id=?", "st-dup-1"));
            assertTrue(app.ingestStats().duplicates() >= 2);
        }
    }

    @Test
    void badMessages_areRejectedCountedAndChangeNothing() throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, "st-bad")) {
            kiosk.subscribe(Topics.ack("st-bad"));
            IngestStats before = app.ingestStats();
            String topic = Topics.events("st-bad");
            kiosk.publish(topic, "{not json".getBytes(StandardCharsets.UTF_8));
            kiosk.publish(topic, new byte[Json.MAX_PAYLOAD_BYTES + 1]);
            kiosk.publishJson(topic, request("someone-else", 1));
            String wrongSchema = Json.writeString(request("st-bad", 2)).replace("\"schema\":1", "\"schema\":2");
            kiosk.publish(topic, wrongSchema.getBytes(StandardCharsets.UTF_8));
            kiosk.publish(topic, "{\"schema\":1,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            kiosk.publish(Topics.heartbeat("st-bad"), "[]".getBytes(StandardCharsets.UTF_8));

            await("rejections counted", () -> app.ingestStats().rejected() - before.rejected() >= 6);
            IngestStats after = app.ingestStats();
            assertEquals(3, after.rejected(RejectReason.MALFORMED) - before.rejected(RejectReason.MALFORMED));
            assertEquals(1, after.rejected(RejectReason.OVERSIZED) - before.rejected(RejectReason.OVERSIZED));
            assertEquals(1, after.rejected(RejectReason.MIS_ADDRESSED) - before.rejected(RejectReason.MIS_ADDRESSED));
            assertEquals(1, after.rejected(RejectReason.BAD_SCHEMA) - before.rejected(RejectReason.BAD_SCHEMA));
            assertEquals(6, after.rejectedByStation().get("st-bad").values().stream().mapToLong(Long::longValue).sum());
            assertEquals(0, count(dir, "SELECT COUNT(*) FROM events WHERE station_id IN ('st-bad','someone-else')"));
            assertTrue(kiosk.on(Topics.ack("st-bad")).isEmpty());

            Event good = request("st-bad", 3);
            kiosk.publishJson(topic, good);
            await("ingest still works", () -> ackedIds(kiosk, "st-bad").contains(good.id()));

            // not a station topic: the broker refuses it (and closes the connection) before the ingest sees it
            assertEquals(0x87, kiosk.publishCode("gs/v1/stations/st-bad/nonsense", "{}".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void tenThousandEvents_areAllStoredOnce() throws Exception {
        String station = "st-bulk";
        try (TestMqtt kiosk = TestMqtt.station(app, station)) {
            kiosk.subscribe(Topics.ack(station));
            List<Event> events = new java.util.ArrayList<>();
            for (int i = 1; i <= 10_000; i++) {
                events.add(Event.of(station, i, Instant.now(), new org.gridstation.protocol.event.ButtonPressed("help")));
            }
            kiosk.publishAll(Topics.events(station), events.stream().map(Json::write).toList());
            await("all acked", () -> ackedIds(kiosk, station).size() == 10_000);
            assertEquals(10_000, count(dir, "SELECT COUNT(*) FROM events WHERE station_id=?", station));
            assertEquals(10_000, count(dir, "SELECT COUNT(DISTINCT id) FROM events WHERE station_id=?", station));
        }
    }
}
