package org.gridstation.firmware.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.downlink.PublicKeys;
import org.sqlite.SQLiteConfig;

/**
 * Reads what a station bundle needs from a gateway's data directory without starting anything:
 * the station from {@code <data>/gateway.db}, opened read-only, and the badge public keys from
 * {@code <data>/keys/k*.pub}.
 *
 * <p>While the gateway runs (its {@code gateway.db-wal} exists) the database is opened read-only
 * through SQLite's WAL index, which sees the last commit. When the gateway is stopped it is opened
 * {@code immutable}: a read-only WAL open would otherwise leave {@code -wal}/{@code -shm} files
 * owned by whoever ran the command (often root), which the gateway's user could not open.
 *
 * <p>The gateway computes a key's {@code notAfter} as its id's date plus ten years at the start
 * of that day in the town zone ({@code gateway.badge.SigningKey}); this class repeats that rule
 * (a test holds the two together). The seeded {@code issuedAt} is the start of the newest key's
 * day, which is never later than anything the gateway publishes, so the gateway's own retained
 * keys always replace the seed on the kiosk.
 */
public final class GatewayData {
    /** How long a badge-signing key signs, as in the gateway. */
    static final int KEY_LIFETIME_YEARS = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /**
     * A station as the gateway knows it.
     *
     * @param id its id
     * @param name its display name
     */
    public record Station(String id, String name) {
        public Station {
            Ids.require(id, "stationId");
            Ids.notNull(name, "name");
        }
    }

    /** Opens a read-only view of the gateway's store. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections database;
    private final Path keysDir;

    private GatewayData(Connections database, Path keysDir) {
        this.database = database;
        this.keysDir = keysDir;
    }

    /**
     * Checks that {@code dataDir} looks like a gateway's data directory.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    public static GatewayData open(Path dataDir) {
        Path db = dataDir.resolve("gateway.db");
        Path keys = dataDir.resolve("keys");
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException(dataDir + " is not a gateway data directory: no gateway.db");
        }
        return open(dataDir, () -> readOnly(db));
    }

    /**
     * A gateway whose store is elsewhere (a county's PostgreSQL, reached through {@code store});
     * its keys are in {@code <dataDir>/keys}, which every instance keeps in step with the store.
     */
    public static GatewayData open(Path dataDir, Connections store) {
        Path keys = dataDir.resolve("keys");
        if (!Files.isDirectory(keys)) {
            throw new IllegalArgumentException(dataDir + " has no keys/ folder: start the gateway once so it makes its badge key");
        }
        return new GatewayData(store, keys);
    }

    /** The station with {@code id}, if the gateway has it. */
    public Optional<Station> station(String id) {
        Ids.require(id, "stationId");
        return query("SELECT id, name FROM stations WHERE id = ?", id).stream().findFirst();
    }

    /** Every station id, sorted. */
    public List<String> stationIds() {
        return query("SELECT id, name FROM stations ORDER BY id").stream().map(Station::id).toList();
    }

    /**
     * The badge public keys the gateway's kiosks trust, as the gateway publishes them.
     *
     * @throws IllegalArgumentException if there is no key
     */
    public PublicKeys publicKeys(ZoneId zone) {
        List<PublicKeys.Key> keys = new ArrayList<>();
        LocalDate newest = null;
        try (Stream<Path> files = Files.list(keysDir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.matches("k\\d{8}[a-z]?\\.pub")) {
                    continue;
                }
                String keyId = name.substring(0, name.length() - 4);
                LocalDate day = LocalDate.parse(keyId.substring(1, 9), DAY);
                Instant notAfter = day.plusYears(KEY_LIFETIME_YEARS).atStartOfDay(zone).toInstant();
                String publicKey = Files.readString(p, StandardCharsets.US_ASCII).strip();
                keys.add(new PublicKeys.Key(keyId, "Ed25519", publicKey, notAfter));
                newest = newest == null || day.isAfter(newest) ? day : newest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the badge keys in " + keysDir, e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(keysDir + " holds no badge key: start the gateway once so it makes one");
        }
        return new PublicKeys(Schema.VERSION, keys, newest.atStartOfDay(zone).toInstant());
    }

    /**
     * A read-only connection to {@code database}: through the WAL index while a gateway has it
     * open, {@code immutable} otherwise (see the class comment).
     */
    static Connection readOnly(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        boolean gatewayRunning = Files.exists(database.resolveSibling(database.getFileName() + "-wal"));
        String url = gatewayRunning ? "jdbc:sqlite:" + database
                : "jdbc:sqlite:" + database.toAbsolutePath().toUri() + "?immutable=1";
        return DriverManager.getConnection(url, config.toProperties());
    }

    private List<Station> query(String sql, String... args) {
        try (Connection c = database.open();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Station> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Station(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }
}
