package org.gridstation.firmware.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.downlink.PublicKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real gateway data directory, made with the gateway's own classes, read back read-only. */
class GatewayDataTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path data;
    private PublicKeys gatewayKeys;

    @BeforeEach
    void gatewayDataDir() {
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            Town town = new Town(db, ZONE, "青溪镇");
            town.addGrid("qingxi", Optional.empty(), "青溪镇");
            town.addStation("qingxi-hexing", "河兴村党群服务站", "qingxi", List.of());
            town.addStation("qingxi-dongan", "东安村党群服务站", "qingxi", List.of());
            gatewayKeys = new Badges(db, town, data.resolve("keys"), Clock.systemUTC()).publicKeys();
        }
    }

    @Test
    void station_isReadFromTheGatewaysDatabase() {
        GatewayData gateway = GatewayData.open(data);

        assertEquals(Optional.of(new GatewayData.Station("qingxi-hexing", "河兴村党群服务站")), gateway.station("qingxi-hexing"));
        assertEquals(Optional.empty(), gateway.station("nowhere"));
        assertEquals(List.of("qingxi-dongan", "qingxi-hexing"), gateway.stationIds());
    }

    @Test
    void publicKeys_areTheOnesTheGatewayPublishes_withAnIssuedAtNoLaterThanItsOwn() {
        PublicKeys read = GatewayData.open(data).publicKeys(ZONE);

        assertEquals(gatewayKeys.keys(), read.keys());
        assertFalse(read.issuedAt().isAfter(gatewayKeys.issuedAt()));
    }

    @Test
    void readingChangesNothingInTheDataDirectory() throws Exception {
        String before = listing();
        GatewayData gateway = GatewayData.open(data);

        gateway.station("qingxi-hexing");
        gateway.stationIds();
        gateway.publicKeys(ZONE);

        assertEquals(before, listing());
    }

    @Test
    void readsWhileTheGatewayHasTheDatabaseOpen_andSeesItsLastCommit() {
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            Town town = new Town(db, ZONE, "青溪镇");
            town.addStation("qingxi-xincun", "新村党群服务站", "qingxi", List.of());

            GatewayData gateway = GatewayData.open(data);

            assertEquals("新村党群服务站", gateway.station("qingxi-xincun").orElseThrow().name());
            assertEquals(3, gateway.stationIds().size());
        }
    }

    @Test
    void folderWithoutADatabase_orWithoutKeys_isRefusedWithTheReason() throws Exception {
        IllegalArgumentException noDb = assertThrows(IllegalArgumentException.class,
                () -> GatewayData.open(data.resolve("elsewhere")));
        assertTrue(noDb.getMessage().contains("gateway.db"));

        Path noKeys = Files.createDirectories(data.resolve("copy"));
        Files.copy(data.resolve("gateway.db"), noKeys.resolve("gateway.db"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayData.open(noKeys));
        assertTrue(e.getMessage().contains("keys"));
    }

    private String listing() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.walk(data)) {
            for (Path p : files.sorted().toList()) {
                sb.append(data.relativize(p)).append(' ').append(Files.isRegularFile(p) ? Files.size(p) : -1).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        }
        return sb.toString();
    }
}
