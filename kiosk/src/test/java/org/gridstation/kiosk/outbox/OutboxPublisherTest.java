package org.gridstation.kiosk.outbox;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestGateway;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.station.Heartbeat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxPublisherTest {
    private static final String STATION = "hexing";
    private static TestBroker shared;
    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker(@TempDir Path brokerDir) {
        shared = TestBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        shared.close();
    }

    private KioskConfig config(String uri) {
        return config(STATION, uri);
    }

    private KioskConfig config(String station, String uri) {
        return KioskConfig.defaults(station, dir.resolve("kiosk"), uri).withHttpPort(0)
                .withResendAfter(Duration.ofMillis(700));
    }

    @Test
    void emergencyPressedOffline_blinksUntilTheGatewaysAckArrivesOverMqtt() throws Exception {
        Path brokerDir = dir.resolve("late-broker");
        try (TestBroker late = TestBroker.create(brokerDir);
             KioskApp kiosk = KioskApp.start(config("sos", late.uri()))) {
            ((org.gridstation.kiosk.hardware.SimulatedHardware) kiosk.hardware()).pressEmergency();
            assertTrue(kiosk.lamp().blinking());
            Thread.sleep(1_000);
            assertTrue(kiosk.lamp().blinking(), "no network: still blinking");
            late.start();
            try (TestGateway gateway = TestGateway.connect(late.uri(), "sos", true)) {
                await("the gateway acks the emergency", 20_000, () -> !kiosk.lamp().blinking());
                assertTrue(gateway.distinct().values().stream().anyMatch(e -> e.body() instanceof ButtonPressed));
            }
        }
    }

    @Test
    void ackedEvents_allLeaveTheOutbox_andArriveInSeqOrder() throws Exception {
        try (TestGateway gateway = TestGateway.connect(shared.uri(), "acked", true);
             KioskApp kiosk = KioskApp.start(config("acked", shared.uri()))) {
            await("connected", 10_000, kiosk::connected);
            int n = 300;
            for (int i = 0; i < n; i++) {
                kiosk.outbox().append(new ButtonPressed("emergency"));
            }
            await("outbox empty", 20_000, () -> kiosk.outbox().pendingCount() == 0);
            assertEquals(n, gateway.distinct().size());
            List<Long> firstSeen = gateway.received().stream().map(Event::seq).distinct().toList();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, n).boxed().toList(), firstSeen,
                    "published in sequence order");
            assertTrue(gateway.statuses().stream().anyMatch(s -> s.contains("\"online\":true")));
        }
    }

    @Test
    void unackedEvents_stayInTheOutbox_andAreResentAfterResendAfter() throws Exception {
        try (TestGateway silent = TestGateway.connect(shared.uri(), "silent", false);
             KioskApp kiosk = KioskApp.start(config("silent", shared.uri()))) {
            await("connected", 10_000, kiosk::connected);
            Event e = kiosk.outbox().append(new ButtonPressed("emergency"));
            await("a re-send", 10_000, () -> silent.received().size() >= 3);
            assertTrue(silent.received().stream().allMatch(r -> r.id().equals(e.id())));
            assertEquals(1, kiosk.outbox().pendingCount(), "no ack, so it stays");
        }
    }

    @Test
    void eventsFiledWhileBrokerIsDown_areDeliveredWhenItComesUp() throws Exception {
        TestBroker broker = TestBroker.create(dir.resolve("broker"));
        try (KioskApp kiosk = KioskApp.start(config(broker.uri()))) {
            Set<UUID> filed = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                filed.add(kiosk.outbox().append(new ButtonPressed("emergency")).id());
            }
            assertEquals(false, kiosk.connected());
            broker.start();
            try (TestGateway gateway = TestGateway.connect(broker.uri(), STATION, true)) {
                await("outbox empty", 30_000, () -> kiosk.outbox().pendingCount() == 0);
                assertEquals(filed, gateway.distinct().keySet());

                broker.stop();
                await("disconnected", 10_000, () -> !kiosk.connected());
                for (int i = 0; i < 20; i++) {
                    filed.add(kiosk.outbox().append(new ButtonPressed("emergency")).id());
                }
                broker.start();
            }
            try (TestGateway gateway = TestGateway.connect(broker.uri(), STATION, true)) {
                await("reconnected and drained", 30_000, () -> kiosk.outbox().pendingCount() == 0);
                assertEquals(20, gateway.distinct().size());
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void cleanClose_publishesOfflineStatus() throws Exception {
        try (TestGateway gateway = TestGateway.connect(shared.uri(), "closing", true)) {
            KioskApp kiosk = KioskApp.start(config("closing", shared.uri()));
            await("connected", 10_000, kiosk::connected);
            kiosk.close();
            kiosk.close();
            await("offline status", 5_000, () -> gateway.statuses().stream().anyMatch(s -> s.contains("\"online\":false")));
        }
    }

    @Test
    void heartbeats_arriveEveryInterval_withBacklogAndVersion() throws Exception {
        try (TestGateway gateway = TestGateway.connect(shared.uri(), "beating", false);
             KioskApp kiosk = KioskApp.start(config("beating", shared.uri()).withHeartbeatInterval(Duration.ofMillis(300)))) {
            kiosk.outbox().append(new ButtonPressed("emergency"));
            await("three heartbeats", 10_000, () -> gateway.heartbeats().size() >= 3);
            Heartbeat last = gateway.heartbeats().get(gateway.heartbeats().size() - 1);
            assertEquals("beating", last.stationId());
            assertEquals(1, last.outboxBacklog());
            assertEquals(1, last.lastSeq());
            assertTrue(last.diskFreeBytes() > 0);
            assertEquals(kiosk.config().softwareVersion(), last.softwareVersion());
        }
    }
}
