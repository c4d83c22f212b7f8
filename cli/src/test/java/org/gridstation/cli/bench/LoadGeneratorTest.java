package org.gridstation.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator at a tiny scale against a real gateway (embedded broker, SQLite): 5 stations
 * × 20 events in a burst after an outage, then a short steady run. Checks correctness, not speed:
 * every event acknowledged, stored exactly once, and the raw-broker phase delivers every message.
 */
class LoadGeneratorTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void tinyBurstAndSteady_everyEventStoredExactlyOnceAndAcknowledged() throws Exception {
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(dir.resolve("gateway")).withHttpPort(0).withMqttPort(0))) {
            List<CountyTown.SeededStation> seeded = CountyTown.seed(gateway.town(), 5);
            Set<String> asked = ConcurrentHashMap.newKeySet();
            // as the bench does: the gateway's internal credential, so the raw phase may use its own topics
            StationCredentials.Credentials full = new StationCredentials.Credentials(gateway.internalCredential().username(),
                    gateway.internalCredential().password());
            StationCredentials credentials = station -> {
                asked.add(station);
                return Optional.of(full);
            };
            try (LoadGenerator gen = new LoadGenerator(gateway.mqttUri(), seeded, credentials)) {
                gen.keepStoredMessages();
                gen.subscribeAs(full);
                gen.connectAll(5);
                assertEquals(Set.of("st-00000", "st-00001", "st-00002", "st-00003", "st-00004"), asked,
                        "every station takes its credentials from the one supplier");

                LoadGenerator.Phase raw = gen.rawBurst(20, WAIT);
                assertEquals(100, raw.messages());
                assertEquals(100, raw.completed(), "the plain subscriber receives every raw message");

                gen.disconnectAll();
                LoadGenerator.Phase burst = gen.burst(20, WAIT);
                assertEquals(100, burst.messages());
                assertEquals(100, burst.completed(), "every event of the backlogs acknowledged");

                LoadGenerator.Phase steady = gen.steady(40, Duration.ofSeconds(2), WAIT);
                assertTrue(steady.messages() >= 60, "about 80 events at 40/s for 2 s: " + steady.messages());
                assertEquals(steady.messages(), steady.completed(), "every steady event acknowledged");
                assertTrue(steady.heartbeats() > 0, "heartbeats sent");

                List<UUID> ids = new ArrayList<>(gen.storedIds());
                long published = burst.messages() + steady.messages();
                assertEquals(published, ids.size());
                assertEquals(published, new HashSet<>(ids).size(), "each event acknowledged once to the generator");

                long[] rows = LoadBenchmark.countEvents(dir.resolve("gateway").resolve("gateway.db"));
                assertEquals(published, rows[0], "one row per event published");
                assertEquals(published, rows[1]);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway").resolve("gateway.db"));
                        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM events WHERE id=?")) {
                    for (UUID id : ids) {
                        ps.setString(1, id.toString());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertEquals(1, rs.getInt(1), "event " + id + " stored exactly once");
                        }
                    }
                }
            }
        }
    }
}
