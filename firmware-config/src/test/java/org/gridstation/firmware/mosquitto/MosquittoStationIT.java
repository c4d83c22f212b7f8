package org.gridstation.firmware.mosquitto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.gridstation.firmware.Bundle;
import org.gridstation.firmware.BundleGenerator;
import org.gridstation.firmware.Fixtures;
import org.gridstation.firmware.Needs;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.protocol.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Mosquitto password lines and ACL stanzas, appended for two stations plus a
 * gateway user, run a real Mosquitto 2 ({@code allow_anonymous false}) that lets a station use its
 * own topics and refuses everyone else's. The station's password is read from its generated
 * kiosk.properties with the kiosk's own loader.
 */
class MosquittoStationIT {
    private static final String GATEWAY_PASSWORD = "gateway-test-password";

    @TempDir
    Path dir;
    private TestBroker broker;
    private TestClient gateway;
    private String s1Password;
    private String s2Password;

    @BeforeEach
    void startBroker() throws Exception {
        Needs.executable(TestBroker.MOSQUITTO);
        BundleGenerator generator = new BundleGenerator(new SecureRandom());
        Bundle s1 = generator.write(Fixtures.spec("s1", "127.0.0.1", 1883), dir.resolve("s1"));
        Bundle s2 = generator.write(Fixtures.spec("s2", "127.0.0.1", 1883), dir.resolve("s2"));
        s1Password = KioskConfig.load(dir.resolve("s1/kiosk.properties")).mqttPassword().orElseThrow();
        s2Password = KioskConfig.load(dir.resolve("s2/kiosk.properties")).mqttPassword().orElseThrow();
        String passwd = content(s1, "mosquitto/passwd") + content(s2, "mosquitto/passwd")
                + MosquittoPassword.line("gateway", GATEWAY_PASSWORD, new SecureRandom()) + "\n";
        String acl = content(s1, "mosquitto/acl") + "\n" + content(s2, "mosquitto/acl")
                + "\nuser gateway\ntopic readwrite gs/v1/#\n";
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        broker = TestBroker.start(brokerDir, passwd, acl);
        gateway = TestClient.connect(broker.uri(), "gateway", GATEWAY_PASSWORD);
        assertEquals(1, gateway.subscribe("gs/v1/#"));
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void station_publishesItsOwnUplinkTopics() throws Exception {
        try (TestClient s1 = TestClient.connect(broker.uri(), "kiosk-s1", s1Password)) {
            assertEquals(0, s1.publish(Topics.events("s1"), "e1"));
            assertEquals(0, s1.publish(Topics.status("s1"), "online"));
            assertEquals(0, s1.publish(Topics.heartbeat("s1"), "hb"));

            assertEquals(Topics.events("s1") + " e1", next(gateway));
            assertEquals(Topics.status("s1") + " online", next(gateway));
            assertEquals(Topics.heartbeat("s1") + " hb", next(gateway));
        }
    }

    @Test
    void station_cannotPublishOnAnotherStationsTopic_norOnItsDownlinks() throws Exception {
        try (TestClient s1 = TestClient.connect(broker.uri(), "kiosk-s1", s1Password)) {
            assertEquals(TestClient.NOT_AUTHORIZED, s1.publish(Topics.events("s2"), "forged"));
            assertEquals(TestClient.NOT_AUTHORIZED, s1.publish(Topics.ack("s1"), "self-ack"));
            assertEquals(TestClient.NOT_AUTHORIZED, s1.publish(Topics.TOWN_KEYS, "forged-keys"));
            s1.publish(Topics.events("s1"), "marker");

            // Mosquitto forwards one client's messages in order: the marker arriving first proves the others were dropped.
            assertEquals(Topics.events("s1") + " marker", next(gateway));
            assertEquals(null, gateway.received.poll(300, TimeUnit.MILLISECONDS), broker.log());
        }
    }

    @Test
    void station_readsItsDownlinksAndTheTown_butNotAnotherStationsAck() throws Exception {
        try (TestClient s1 = TestClient.connect(broker.uri(), "kiosk-s1", s1Password)) {
            assertEquals(1, s1.subscribe(Topics.ack("s1")));
            assertEquals(1, s1.subscribe(Topics.config("s1")));
            assertEquals(1, s1.subscribe(Topics.TOWN_KEYS));
            // Whatever the SUBACK says, Mosquitto delivers nothing the ACL does not allow.
            s1.subscribe(Topics.ack("s2"));

            gateway.publish(Topics.ack("s2"), "for-s2");
            gateway.publish(Topics.TOWN_KEYS, "keys");
            gateway.publish(Topics.ack("s1"), "for-s1");

            assertEquals(Topics.TOWN_KEYS + " keys", next(s1));
            assertEquals(Topics.ack("s1") + " for-s1", next(s1));
            assertEquals(null, s1.received.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void wrongPassword_andAnotherStationsPassword_areRefused() {
        assertThrows(MqttException.class, () -> TestClient.connect(broker.uri(), "kiosk-s1", "not-the-password").close());
        assertThrows(MqttException.class, () -> TestClient.connect(broker.uri(), "kiosk-s1", s2Password).close());
    }

    private static String next(TestClient client) throws InterruptedException {
        String m = client.received.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 5 s");
        }
        return m;
    }

    private static String content(Bundle bundle, String path) {
        return bundle.file(path).orElseThrow().content();
    }
}
