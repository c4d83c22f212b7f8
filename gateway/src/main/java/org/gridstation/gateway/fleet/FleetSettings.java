package org.gridstation.gateway.fleet;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.downlink.StationSettings;

/**
 * Fleet configuration: every version of every station's settings is kept; a change or a rollback
 * makes a new version, which the downlinks publish retained on the station's settings topic.
 */
public final class FleetSettings {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private final Database db;
    private final Town town;
    private final Clock clock;
    private volatile Runnable onChange = () -> { };

    public FleetSettings(Database db, Town town, Clock clock) {
        this.db = db;
        this.town = town;
        this.clock = clock;
    }

    /** Called after every new version; the gateway wires it to the downlink publisher. */
    public void onChange(Runnable hook) {
        this.onChange = hook;
    }

    /**
     * One stored version.
     *
     * @param version the version
     * @param settings the settings
     * @param createdAt when it was made
     * @param actor who made it
     * @param note why, or {@code rollback to N}
     */
    public record Version(long version, Map<String, String> settings, Instant createdAt, String actor,
            Optional<String> note) {
    }

    /**
     * Makes a new version for {@code stationId}: the current settings with {@code changes} applied
     * (a blank value removes the key, so the kiosk's own configuration applies again).
     */
    public Version change(String stationId, Map<String, String> changes, String actor, Optional<String> note) {
        requireStation(stationId);
        requireActor(actor);
        Map<String, String> next = new TreeMap<>(current(stationId).map(Version::settings).orElse(Map.of()));
        changes.forEach((k, v) -> {
            if (v == null || v.isBlank()) {
                next.remove(k);
            } else {
                next.put(k, v.strip());
            }
        });
        StationSettings.problem(next).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Version v = db.write(c -> insert(c, stationId, next, actor, note));
        onChange.run();
        return v;
    }

    /** The same changes for every station of the town, one new version each; returns how many stations. */
    public int changeAll(Map<String, String> changes, String actor, Optional<String> note) {
        StationSettings.problem(withoutBlanks(changes)).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        int n = 0;
        for (var s : town.stations()) {
            change(s.id(), changes, actor, note);
            n++;
        }
        return n;
    }

    /** Makes a new version with the content of {@code toVersion}, or of the version before the current one. */
    public Version rollback(String stationId, Optional<Long> toVersion, String actor) {
        requireStation(stationId);
        requireActor(actor);
        List<Version> history = history(stationId);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("station " + stationId + " has no settings to roll back");
        }
        long target = toVersion.orElseGet(() -> history.size() >= 2 ? history.get(1).version() : 0L);
        Map<String, String> content;
        if (target == 0) {
            content = Map.of(); // before the first version: the kiosk's own configuration
        } else {
            content = history.stream().filter(v -> v.version() == target).findFirst()
                    .orElseThrow(() -> new UnknownException("settings version", stationId + "/" + target)).settings();
        }
        Version v = db.write(c -> insert(c, stationId, content, actor, Optional.of("rollback to " + target)));
        onChange.run();
        return v;
    }

    /** The version in force at the gateway (what the station should have). */
    public Optional<Version> current(String stationId) {
        List<Version> h = history(stationId, 1);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(0));
    }

    /** Every version, newest first; an unknown station is an error. */
    public List<Version> history(String stationId) {
        requireStation(stationId);
        return history(stationId, 1000);
    }

    private List<Version> history(String stationId, int limit) {
        return db.read(c -> {
            List<Version> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT version, settings, created_at, actor, note FROM station_settings WHERE station_id=?
                    ORDER BY version DESC LIMIT ?""")) {
                ps.setString(1, stationId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Version(rs.getLong(1), read(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getString(4), Optional.ofNullable(rs.getString(5))));
                    }
                }
            }
            return out;
        });
    }

    /** The message for the station's settings topic, if it has any version. */
    public Optional<StationSettings> message(String stationId) {
        return current(stationId).map(v -> new StationSettings(Schema.VERSION, stationId, v.version(), v.settings(),
                v.createdAt()));
    }

    private Version insert(Connection c, String stationId, Map<String, String> settings, String actor,
            Optional<String> note) throws SQLException {
        long version;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM station_settings WHERE station_id=?")) {
            ps.setString(1, stationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO station_settings(station_id, version, settings, created_at, actor, note) VALUES (?,?,?,?,?,?)""")) {
            ps.setString(1, stationId);
            ps.setLong(2, version);
            ps.setString(3, Json.writeString(new TreeMap<>(settings)));
            ps.setLong(4, now.toEpochMilli());
            ps.setString(5, actor.strip());
            ps.setString(6, note.filter(n -> !n.isBlank()).orElse(null));
            ps.executeUpdate();
        }
        return new Version(version, Map.copyOf(settings), now, actor.strip(), note);
    }

    private static Map<String, String> read(String json) {
        try {
            return Json.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }

    private static Map<String, String> withoutBlanks(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                out.put(k, v.strip());
            }
        });
        return out;
    }

    private void requireStation(String stationId) {
        if (town.station(stationId).isEmpty()) {
            throw new UnknownException("station", stationId);
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
    }
}
