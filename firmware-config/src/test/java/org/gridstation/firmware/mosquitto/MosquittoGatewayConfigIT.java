package org.gridstation.firmware.mosquitto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.gridstation.firmware.Bundle;
import org.gridstation.firmware.BundleFile;
import org.gridstation.firmware.BundleGenerator;
import org.gridstation.firmware.Fixtures;
import org.gridstation.firmware.GatewayDeployment;
import org.gridstation.firmware.Needs;
import org.gridstation.gateway.tls.TownCertificates;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.protocol.TlsSocketFactory;
import org.gridstation.protocol.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated gateway Mosquitto configuration, with one station's generated password line and
 * ACL appended, runs a real Mosquitto: the gateway connects without a password on the local
 * listener and sees everything; the station needs its password on the station listener, where an
 * anonymous client is refused. On the TLS listener, with the gateway's certificate, a station that
 * trusts the town's root gets the same rights; a wrong password or another town's root is refused.
 * While the gateway is away, its session keeps a whole county burst for it.
 */
class MosquittoGatewayConfigIT {
    /**
     * A county's reconnect after an outage: 2,425 stations with 100 events each, more than the
     * 100,000 messages the configuration let Mosquitto queue for one client before.
     */
    private static final int BURST = 242_500;

    @TempDir
    Path dir;

    @Test
    void theGatewaysSession_keepsAWholeCountyBurst_whileTheGatewayIsAway() throws Exception {
        Needs.executable(TestBroker.MOSQUITTO);
        Path passwd = Files.writeString(dir.resolve("passwd"), "");
        Path acl = Files.writeString(dir.resolve("acl"), "");
        Deployed d = deploy(passwd, acl);
        String local = "tcp://127.0.0.1:" + d.localPort();

        try (TestBroker broker = TestBroker.start(Files.createDirectories(dir.resolve("broker")), d.conf(), d.stationPort())) {
            try (TestClient gateway = TestClient.connectWithSession(local, "gateway-main", 3600)) {
                assertEquals(1, gateway.subscribe(Topics.allStations(Topics.Kind.EVENTS)), broker.log());
            } // away, as during a restart; the broker keeps its session
            try (TestClient stations = TestClient.connect(local, "stations", "")) {
                assertEquals(BURST, stations.publishMany(BURST, i -> Topics.events("s" + i % 2425), "e".repeat(100)));
            }
            try (TestClient gateway = TestClient.connectWithSession(local, "gateway-main", 3600)) {
                int got = 0;
                while (got < BURST && gateway.received.poll(10, TimeUnit.SECONDS) != null) {
                    got++;
                }
                assertEquals(BURST, got, "events the broker kept for the gateway's session; " + broker.log());
            }
        }
    }

    /** The generated configuration on free loopback ports, and the town's certificates it uses. */
    private record Deployed(String conf, int localPort, int stationPort, int tlsPort, TownCertificates certificates) {
    }

    /**
     * The {@code gridstation.conf} that {@link GatewayDeployment} writes for {@code passwd} and
     * {@code acl}, on free ports, with the station listeners on loopback only (for a test).
     */
    private Deployed deploy(Path passwd, Path acl) throws Exception {
        int localPort = TestBroker.freePort();
        int stationPort = TestBroker.freePort();
        int tlsPort = TestBroker.freePort();
        Path gatewayData = dir.resolve("gateway-data");
        TownCertificates certificates = TownCertificates.ensure(gatewayData, "青溪镇", List.of("localhost"), Clock.systemUTC());
        String conf = new GatewayDeployment(gatewayData.toString(), 8080, 512, localPort, stationPort, passwd.toString(),
                acl.toString(), tlsPort, certificates.folder().toString()).files().stream()
                .filter(f -> f.path().equals("mosquitto/gridstation.conf")).map(BundleFile::content).findFirst().orElseThrow();
        conf = conf.replace("listener " + stationPort + "\n", "listener " + stationPort + " 127.0.0.1\n")
                .replace("listener " + tlsPort + "\n", "listener " + tlsPort + " 127.0.0.1\n");
        return new Deployed(conf, localPort, stationPort, tlsPort, certificates);
    }

    @Test
    void gatewayOnTheLocalListener_andStationWithItsPassword_talk_andAnonymousStationsAreRefused() throws Exception {
        Needs.executable(TestBroker.MOSQUITTO);
        Bundle s1 = new BundleGenerator(new SecureRandom()).write(Fixtures.spec("s1", "127.0.0.1", 1883), dir.resolve("s1"));
        String password = KioskConfig.load(dir.resolve("s1/kiosk.properties")).mqttPassword().orElseThrow();
        Path passwd = Files.writeString(dir.resolve("passwd"), s1.file("mosquitto/passwd").orElseThrow().content());
        Path acl = Files.writeString(dir.resolve("acl"), s1.file("mosquitto/acl").orElseThrow().content());
        Deployed d = deploy(passwd, acl);
        int localPort = d.localPort();
        int stationPort = d.stationPort();
        int tlsPort = d.tlsPort();
        TownCertificates certificates = d.certificates();

        try (TestBroker broker = TestBroker.start(Files.createDirectories(dir.resolve("broker")), d.conf(), stationPort);
                TestClient gateway = TestClient.connect("tcp://127.0.0.1:" + localPort, "gateway-main", "")) {
            assertEquals(1, gateway.subscribe("gs/v1/#"), broker.log());
            try (TestClient station = TestClient.connect("tcp://127.0.0.1:" + stationPort, "kiosk-s1", password)) {
                assertEquals(1, station.subscribe(Topics.ack("s1")));
                assertEquals(0, station.publish(Topics.events("s1"), "e1"));
                assertEquals(Topics.events("s1") + " e1", gateway.received.poll(5, TimeUnit.SECONDS));

                assertEquals(0, gateway.publish(Topics.ack("s1"), "ack"));
                assertEquals(Topics.ack("s1") + " ack", station.received.poll(5, TimeUnit.SECONDS));
                assertEquals(TestClient.NOT_AUTHORIZED, station.publish(Topics.events("s2"), "forged"));
            }
            assertThrows(MqttException.class,
                    () -> TestClient.connect("tcp://127.0.0.1:" + stationPort, "anonymous-x", "").close());

            // over TLS on the gateway's certificate: the station trusting the town's root gets through,
            // with the same rights
            TlsSocketFactory tls = TlsSocketFactory.trusting(certificates.caFile());
            gateway.received.clear(); // the gateway's own ack, echoed by its gs/v1/# subscription
            try (TestClient station = TestClient.connect("ssl://localhost:" + tlsPort, "kiosk-s1", password, tls)) {
                assertEquals(0, station.publish(Topics.events("s1"), "e2"));
                assertEquals(Topics.events("s1") + " e2", gateway.received.poll(5, TimeUnit.SECONDS));
                assertEquals(TestClient.NOT_AUTHORIZED, station.publish(Topics.events("s2"), "forged"));
            }
            assertThrows(MqttException.class, () -> TestClient.connect("ssl://localhost:" + tlsPort, "kiosk-s1", "wrong", tls).close());
            TlsSocketFactory otherTown = TlsSocketFactory.trusting(TownCertificates.ensure(dir.resolve("other-town"), "别的镇",
                    List.of("localhost"), Clock.systemUTC()).caFile());
            assertThrows(MqttException.class,
                    () -> TestClient.connect("ssl://localhost:" + tlsPort, "kiosk-s1", password, otherTown).close());
        }
    }
}
