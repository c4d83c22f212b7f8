package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.gridstation.firmware.mosquitto.StationAcl;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.protocol.mqtt.MosquittoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./gridstation mosquitto-auth} writes the live stations and the gateway's user, nothing revoked. */
class MosquittoAuthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesLiveStationsAndTheGateway_leavesRevokedOnesOut() throws Exception {
        Path data = dir.resolve("gateway");
        String password;
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0))) {
            password = gateway.stationCredentials().issue("s1").password();
            gateway.stationCredentials().issue("s2");
            gateway.stationCredentials().revoke("s2");
        }
        Path passwd = dir.resolve("out/passwd");
        Path acl = dir.resolve("out/acl");

        assertEquals(0, Main.run(new String[] {"mosquitto-auth", "--data", data.toString(), "--passwd", passwd.toString(),
            "--acl", acl.toString()}));

        List<String> lines = Files.readAllLines(passwd);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("gateway:$7$"));
        assertTrue(lines.get(1).startsWith("kiosk-s1:$7$"));
        assertTrue(MosquittoHash.verify(password, lines.get(1).substring("kiosk-s1:".length())));
        String aclText = Files.readString(acl);
        assertTrue(aclText.contains("user gateway\ntopic readwrite gs/v1/#\n"), aclText);
        assertTrue(aclText.contains(StationAcl.stanza("s1")), aclText);
        assertFalse(aclText.contains("kiosk-s2") || Files.readString(passwd).contains("kiosk-s2"), "s2 is revoked");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd)));

        assertEquals(1, Main.run(new String[] {"mosquitto-auth", "--data", dir.resolve("nothing").toString(),
            "--passwd", passwd.toString(), "--acl", acl.toString()}), "not a gateway data directory");
    }
}
