package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @TempDir
    Path dir;

    @Test
    void restartOnSameDataDir_keepsDataAndSigningKey() throws Exception {
        String station = "qingxi-hexing";
        String keyId;
        String publicKey;
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            DemoTown.seed(app, 1);
            keyId = app.badges().keyId();
            publicKey = app.badges().publicKeys().keys().get(0).publicKey();
            try (TestMqtt kiosk = TestMqtt.station(app, station)) {
                kiosk.publishJson(Topics.events(station), Event.of(station, 1, Instant.now(), new WalkInRequest(
                        station + "-1", Category.ERRAND, Severity.NORMAL, Optional.empty(), Optional.empty(), true)));
                await("incident", () -> TestSupport.get(app, "/api/v1/incidents/" + station + "-1").statusCode() == 200);
            }
        }
        Path keys = dir.resolve("keys");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(keyId + ".key"))));

        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            assertEquals(keyId, app.badges().keyId());
            assertEquals(publicKey, app.badges().publicKeys().keys().get(0).publicKey());
            assertEquals(1, json(app, "/api/v1/stations").size());
            assertTrue(json(app, "/api/v1/incidents/" + station + "-1").get("anonymous").asBoolean());
            assertEquals(1, app.town().shiftsOn(app.town().today()).size());
        }
    }
}
