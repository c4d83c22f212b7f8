package org.gridstation.firmware.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.gateway.tls.TownCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, then restore into an empty directory, gives the same data; the backup runs while the gateway writes. */
class GatewayBackupTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path tmp;

    @Test
    void backupThenRestoreIntoAnEmptyDirectory_givesTheSameData() throws Exception {
        Path data = tmp.resolve("data");
        PublicKeys keys;
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            Town town = seed(db, 50);
            keys = new Badges(db, town, data.resolve("keys"), Clock.systemUTC()).publicKeys();
        }

        GatewayBackup.backup(data, tmp.resolve("backup"));
        GatewayBackup.restore(tmp.resolve("backup"), tmp.resolve("restored"));

        assertEquals(dump(data.resolve("gateway.db")), dump(tmp.resolve("restored/gateway.db")));
        assertEquals(PosixFilePermissions.fromString("rwx------"),
                Files.getPosixFilePermissions(tmp.resolve("backup/keys")));
        try (Database db = Database.sqlite(tmp.resolve("restored/gateway.db"))) {
            db.start();
            Town town = new Town(db, ZONE, "青溪镇");
            assertEquals(50, town.people().size());
            assertEquals(keys.keys(), new Badges(db, town, tmp.resolve("restored/keys"), Clock.systemUTC()).publicKeys().keys());
        }
    }

    @Test
    void theTownsCertificates_areBackedUpAndRestored_withTheKeysStillPrivate() throws Exception {
        Path data = tmp.resolve("data");
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            new Badges(db, seed(db, 1), data.resolve("keys"), Clock.systemUTC());
        }
        TownCertificates made = TownCertificates.ensure(data, "青溪镇", java.util.List.of("localhost"), Clock.systemUTC());

        GatewayBackup.backup(data, tmp.resolve("backup"));
        GatewayBackup.restore(tmp.resolve("backup"), tmp.resolve("restored"));

        for (String f : new String[] {"ca.crt", "ca.key", "gateway.crt", "gateway.key"}) {
            assertEquals(Files.readString(data.resolve("tls").resolve(f)), Files.readString(tmp.resolve("restored/tls").resolve(f)), f);
        }
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(tmp.resolve("restored/tls/ca.key")));
        TownCertificates restored = TownCertificates.ensure(tmp.resolve("restored"), "青溪镇", java.util.List.of("localhost"),
                Clock.systemUTC());
        assertEquals(made.authority().certificate(), restored.authority().certificate(), "stations keep trusting the same root");
        assertEquals(made.server().certificate(), restored.server().certificate());
    }

    @Test
    void backupWhileTheGatewayWrites_isAConsistentCopyOfACommit() throws Exception {
        Path data = tmp.resolve("data");
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            Town town = seed(db, 10);
            new Badges(db, town, data.resolve("keys"), Clock.systemUTC());
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger(10);
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    int n = written.getAndIncrement();
                    town.addPerson("p" + n, "志愿者" + n, Role.VOLUNTEER, "qingxi", Optional.empty(), Optional.empty());
                }
            });
            writer.start();
            Thread.sleep(200);
            int before = town.people().size();

            GatewayBackup.backup(data, tmp.resolve("backup"));

            writing.set(false);
            writer.join();
            GatewayBackup.restore(tmp.resolve("backup"), tmp.resolve("restored"));
            try (Database restored = Database.sqlite(tmp.resolve("restored/gateway.db"))) {
                restored.start();
                int people = new Town(restored, ZONE, "青溪镇").people().size();
                assertTrue(people >= before && people <= town.people().size(), before + " <= " + people);
            }
        }
    }

    @Test
    void restore_refusesAFolderThatAlreadyHoldsGatewayData_andAnIncompleteBackup() throws Exception {
        Path data = tmp.resolve("data");
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            new Badges(db, seed(db, 1), data.resolve("keys"), Clock.systemUTC());
        }
        GatewayBackup.backup(data, tmp.resolve("backup"));

        assertThrows(IllegalArgumentException.class, () -> GatewayBackup.restore(tmp.resolve("backup"), data));
        assertThrows(IllegalArgumentException.class, () -> GatewayBackup.restore(tmp.resolve("nothing"), tmp.resolve("r")));
        assertThrows(IllegalArgumentException.class, () -> GatewayBackup.backup(data, tmp.resolve("backup")));
    }

    @Test
    void damagedBackup_isRefusedBeforeAnythingIsRestored() throws Exception {
        Path data = tmp.resolve("data");
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            new Badges(db, seed(db, 1), data.resolve("keys"), Clock.systemUTC());
        }
        GatewayBackup.backup(data, tmp.resolve("backup"));
        Files.write(tmp.resolve("backup/gateway.db"), "not a database at all, just text".repeat(200).getBytes());

        assertThrows(IllegalArgumentException.class, () -> GatewayBackup.restore(tmp.resolve("backup"), tmp.resolve("r")));
        assertTrue(Files.notExists(tmp.resolve("r/gateway.db")));
    }

    private static Town seed(Database db, int people) {
        Town town = new Town(db, ZONE, "青溪镇");
        town.addGrid("qingxi", Optional.empty(), "青溪镇");
        town.addStation("qingxi-hexing", "河兴村党群服务站", "qingxi", List.of());
        for (int i = 0; i < people; i++) {
            town.addPerson("p" + i, "志愿者" + i, Role.VOLUNTEER, "qingxi", Optional.of("1380000" + i), Optional.empty());
        }
        return town;
    }

    /** Every row of every table, in rowid order. */
    private static List<String> dump(Path db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(t);
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        rows.sort(null);
        return rows;
    }
}
