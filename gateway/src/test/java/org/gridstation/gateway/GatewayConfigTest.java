package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("gateway.properties");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void propertiesFile_setsEveryKey_andResolvesDataDirAgainstItsFolder() throws Exception {
        GatewayConfig c = GatewayConfig.load(file("""
                data.dir=var/gw
                http.host=127.0.0.1
                http.port=9090
                mqtt.broker=external
                mqtt.host=127.0.0.1
                mqtt.port=0
                mqtt.external.uri=tcp://10.0.0.5:1883
                mqtt.shared.group=ingest
                instance.id=gw2
                heartbeat.timeout.seconds=45
                town.zone=Asia/Urumqi
                town.name=漕泾镇
                public.base.url=http://192.168.1.10:9090/
                https.port=8443
                mqtt.tls.port=8883
                tls.hosts=gateway.qingxi, 192.168.1.10
                mqtt.broker.persistence=file
                """));
        assertEquals(dir.resolve("var/gw").toAbsolutePath(), c.dataDir());
        assertEquals(9090, c.httpPort());
        assertEquals(BrokerMode.EXTERNAL, c.broker());
        assertEquals(Optional.of("tcp://10.0.0.5:1883"), c.externalBrokerUri());
        assertEquals(Optional.of("ingest"), c.sharedGroup());
        assertEquals("gw2", c.instanceId());
        assertEquals(Duration.ofSeconds(45), c.heartbeatTimeout());
        assertEquals(ZoneId.of("Asia/Urumqi"), c.zone());
        assertEquals("漕泾镇", c.townName());
        assertEquals("http://192.168.1.10:9090", c.baseUrl(1234));
        assertEquals(Optional.of(8443), c.tls().httpsPort());
        assertEquals(Optional.of(8883), c.tls().mqttTlsPort());
        assertEquals(java.util.List.of("gateway.qingxi", "192.168.1.10"), c.tls().hosts());
        assertEquals(org.gridstation.gateway.broker.EmbeddedBroker.Persistence.FILE, c.brokerPersistence());
    }

    @Test
    void brokerPersistence_isInMemoryByDefault_andRefusesOtherValues() throws Exception {
        assertEquals(org.gridstation.gateway.broker.EmbeddedBroker.Persistence.IN_MEMORY,
                GatewayConfig.load(file("http.port=9090\n")).brokerPersistence());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(file("mqtt.broker.persistence=disk\n")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("mqtt.broker.persistence"), e.getMessage());
    }

    @Test
    void emptyFile_givesDefaults() throws Exception {
        GatewayConfig c = GatewayConfig.load(file(""));
        assertEquals(GatewayConfig.defaults(dir.resolve("data")), c);
        assertEquals(1883, c.mqttPort());
        assertTrue(!c.tls().enabled(), "no TLS unless asked for");
        assertEquals(ZoneId.of("Asia/Shanghai"), c.zone());
    }

    @Test
    void unknownKey_isAnErrorNamingIt() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(file("http.prot=8080\n")));
        assertTrue(e.getMessage().contains("http.prot"), e.getMessage());
    }

    @Test
    void badValues_areErrorsNamingTheKey() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(file("http.port=eighty\n")))
                .getMessage().contains("http.port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(file("mqtt.broker=cloud\n")))
                .getMessage().contains("mqtt.broker"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(file("town.zone=Mars/Base\n")))
                .getMessage().contains("town.zone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(file("mqtt.broker=external\n")))
                .getMessage().contains("externalBrokerUri"));
        assertThrows(IllegalArgumentException.class, () -> GatewayConfig.defaults(dir).withHttpPort(70000));
        assertThrows(IllegalArgumentException.class, () -> GatewayConfig.defaults(dir).withInstanceId("a b"));
    }
}
