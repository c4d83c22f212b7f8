package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.tls.TlsSettings;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./gridstation provision} turns a gateway's data into a bundle the kiosk accepts. */
class ProvisionCommandTest {
    @TempDir
    Path dir;

    @Test
    void provision_writesABundleWhoseConfigTheKioskLoads() throws Exception {
        Path data = dir.resolve("gateway");
        String station;
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0))) {
            station = DemoTown.seed(gateway, 1).get(0);
        }
        Path out = dir.resolve("bundle");
        int code = Main.run(new String[] {"provision", "--data", data.toString(), "--station", station,
            "--board", "pi4", "--mqtt-host", "192.168.1.10", "--out", out.toString()});
        assertEquals(0, code);
        KioskConfig config = KioskConfig.load(out.resolve("kiosk.properties"));
        assertEquals(station, config.stationId());
        assertEquals("tcp://192.168.1.10:1883", config.mqttUri());
        assertTrue(Files.readString(out.resolve("keys.json")).contains("Ed25519"));
        assertTrue(Files.isExecutable(out.resolve("install.sh")));

        // the gateway's embedded broker accepts the bundle's credential (provision stored its hash)
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0));
                MqttTestClient kiosk = MqttTestClient.connect(gateway.mqttUri(), config.mqttUsername().orElseThrow(),
                        config.mqttUsername().orElseThrow(), config.mqttPassword().orElseThrow())) {
            assertTrue(kiosk.isConnected());
            assertTrue(gateway.stationCredentials().status(station).active());
        }

        assertEquals(1, Main.run(new String[] {"provision", "--data", data.toString(), "--station", "no-such",
            "--board", "pi4", "--mqtt-host", "h", "--out", dir.resolve("other").toString()}));
    }

    @Test
    void aCountyGatewayOnPostgresql_provisionsAndWritesMosquittoFilesFromItsConfig() throws Exception {
        String url = System.getProperty("gridstation.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            c.isValid(5);
        } catch (java.sql.SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL does not answer at " + url + "; under CI=true this test must run", e);
            }
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL does not answer at " + url);
        }
        String schema = "gst_prov_" + Long.toHexString(System.nanoTime());
        Path data = dir.resolve("county");
        Path configFile = dir.resolve("gateway.properties");
        Files.writeString(configFile, "data.dir=" + data + "\nstore=postgresql\nstore.url=" + url + "\nstore.schema=" + schema + "\n");
        GatewayConfig config = GatewayConfig.load(configFile).withHttpPort(0).withMqttPort(0);
        try {
            String station;
            try (GatewayApp gateway = GatewayApp.start(config)) {
                station = DemoTown.seed(gateway, 1).get(0);
            }
            assertTrue(!Files.exists(data.resolve("gateway.db")), "the store is PostgreSQL, not a file");
            Path out = dir.resolve("bundle");
            assertEquals(0, Main.run(new String[] {"provision", "--config", configFile.toString(), "--station", station,
                "--board", "pi4", "--mqtt-host", "192.168.1.10", "--out", out.toString()}));
            KioskConfig kiosk = KioskConfig.load(out.resolve("kiosk.properties"));
            assertEquals(station, kiosk.stationId());
            assertTrue(Files.readString(out.resolve("keys.json")).contains("Ed25519"));
            Path passwd = dir.resolve("passwd");
            Path acl = dir.resolve("acl");
            assertEquals(0, Main.run(new String[] {"mosquitto-auth", "--config", configFile.toString(),
                "--passwd", passwd.toString(), "--acl", acl.toString()}));
            assertTrue(Files.readString(passwd).contains(kiosk.mqttUsername().orElseThrow() + ":$7$"),
                    "the credential provision stored in PostgreSQL: " + Files.readString(passwd));
            try (GatewayApp gateway = GatewayApp.start(config);
                    MqttTestClient client = MqttTestClient.connect(gateway.mqttUri(), kiosk.mqttUsername().orElseThrow(),
                            kiosk.mqttUsername().orElseThrow(), kiosk.mqttPassword().orElseThrow())) {
                assertTrue(client.isConnected(), "the gateway on PostgreSQL accepts the bundle's credential");
            }
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aGatewayWithTls_provisionsAStationThatConnectsOverTlsTrustingTheTownsRoot() throws Exception {
        Path data = dir.resolve("gateway");
        String station;
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0)
                .withTls(new TlsSettings(Optional.empty(), Optional.of(0), List.of("localhost", "127.0.0.1"))))) {
            station = DemoTown.seed(gateway, 1).get(0);
            Path out = dir.resolve("bundle");
            assertEquals(0, Main.run(new String[] {"provision", "--data", data.toString(), "--station", station,
                "--board", "pi5", "--mqtt-host", "localhost", "--mqtt-port", Integer.toString(gateway.mqttTlsPort().orElseThrow()),
                "--out", out.toString()}));
            assertEquals(Files.readString(data.resolve("tls/ca.crt")), Files.readString(out.resolve("ca.crt")));
            KioskConfig config = KioskConfig.load(out.resolve("kiosk.properties"));
            assertEquals("ssl://localhost:" + gateway.mqttTlsPort().orElseThrow(), config.mqttUri());
            assertEquals(Optional.of(out.resolve("ca.crt").toAbsolutePath()), config.mqttCaFile());

            // the bundle's settings, with a scratch data folder and a free web port, reach the gateway over TLS
            KioskConfig local = new KioskConfig(config.stationId(), dir.resolve("kiosk-data"), "127.0.0.1", 0, config.mqttUri(),
                    config.mqttUsername(), config.mqttPassword(), config.mqttCaFile(), KioskConfig.HardwareMode.SIMULATED,
                    config.gpio(), config.heartbeatInterval(), config.resendAfter(), config.zone(), config.outboxMaxBytes(),
                    config.softwareVersion(), KioskConfig.Peripherals.defaults());
            try (KioskApp kiosk = KioskApp.start(local)) {
                Await.until("the kiosk connected to the gateway's broker over TLS", java.time.Duration.ofSeconds(30),
                        kiosk::connected);
            }
        }
    }

    @Test
    void backupThenRestore_givesAGatewayWithTheSameTownAndKey() throws Exception {
        Path data = dir.resolve("gateway");
        String station;
        String keyId;
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0))) {
            station = DemoTown.seed(gateway, 1).get(0);
            keyId = gateway.badges().keyId();
            assertEquals(0, Main.run(new String[] {"backup", "--data", data.toString(), "--out", dir.resolve("backup").toString()}),
                    "an online backup while the gateway runs");
        }
        Path restored = dir.resolve("restored");
        assertEquals(0, Main.run(new String[] {"restore", "--from", dir.resolve("backup").toString(), "--data", restored.toString()}));
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(restored).withHttpPort(0).withMqttPort(0))) {
            assertTrue(gateway.town().station(station).isPresent());
            assertEquals(keyId, gateway.badges().keyId(), "the signing key came back, so issued badges stay valid");
        }
        assertEquals(1, Main.run(new String[] {"restore", "--from", dir.resolve("backup").toString(), "--data", restored.toString()}),
                "restore refuses a data directory that already holds a gateway");
    }
}
