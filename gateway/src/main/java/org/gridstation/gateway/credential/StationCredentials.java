package org.gridstation.gateway.credential;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gridstation.gateway.auth.Secrets;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.mqtt.MosquittoHash;
import org.gridstation.protocol.mqtt.StationTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT credential per station: user name {@code kiosk-<stationId>} and a random password of
 * which the store keeps only the Mosquitto $7$ hash. Issuing a new one revokes the old; revoking
 * leaves the station with none, so it is refused until a new one is issued. Every revocation is
 * announced to the {@link #onRevoke(Consumer) listeners} (the embedded broker disconnects the
 * station's live connection).
 */
public final class StationCredentials {
    private static final Logger log = LoggerFactory.getLogger(StationCredentials.class);
    private final Database db;
    private final Clock clock;
    private final List<Consumer<String>> revokeListeners = new CopyOnWriteArrayList<>();

    public StationCredentials(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A credential just issued: the only time its password is known. */
    public record Issued(String stationId, String username, String password, Instant createdAt) {
        @Override
        public String toString() {
            return "Issued[" + username + ", created " + createdAt + "]"; // never the password
        }
    }

    /**
     * What the gateway knows of a station's credential, never the secret.
     *
     * @param active true if the station holds a live credential
     * @param createdAt when the live (or, if none, the last) credential was made
     * @param revokedAt when the last credential was revoked, if the station has no live one
     */
    public record Status(String stationId, String username, boolean active, Optional<Instant> createdAt,
            Optional<Instant> revokedAt) {
    }

    /** A live credential as a broker's password file needs it. */
    public record Live(String stationId, String username, String passwordHash) {
    }

    /** The outcome of checking a station's password. */
    public enum Check {
        OK, WRONG_PASSWORD, REVOKED, NO_CREDENTIAL
    }

    /** Runs {@code listener} with the station id after every revocation (also when a new credential replaces one). */
    public void onRevoke(Consumer<String> listener) {
        revokeListeners.add(listener);
    }

    /** Makes a new credential for the station, revoking the one it had; returns the password, once. */
    public Issued issue(String stationId) {
        String password = Secrets.random(24);
        Instant at = store(stationId, MosquittoHash.hash(password));
        return new Issued(stationId, StationTopics.clientId(stationId), password, at);
    }

    /**
     * Stores a hash made elsewhere (the provisioning bundle's password) as the station's
     * credential, revoking the one it had.
     */
    public void adopt(String stationId, String passwordHash) {
        if (!MosquittoHash.isWellFormed(passwordHash)) {
            throw new IllegalArgumentException("not a Mosquitto $7$ password hash");
        }
        store(stationId, passwordHash);
    }

    private Instant store(String stationId, String hash) {
        Ids.require(stationId, "stationId");
        Instant at = clock.instant();
        boolean replaced = db.write(c -> {
            int revoked = revokeLive(c, stationId, at);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO station_credentials(station_id, password_hash, created_at) VALUES (?,?,?)")) {
                ps.setString(1, stationId);
                ps.setString(2, hash);
                ps.setLong(3, at.toEpochMilli());
                ps.executeUpdate();
            }
            return revoked > 0;
        });
        log.info("MQTT credential issued for station {}{}", stationId, replaced ? " (the previous one is revoked)" : "");
        if (replaced) {
            announce(stationId);
        }
        return at;
    }

    /** Revokes the station's credential; returns false if it had none live. Its connection is closed. */
    public boolean revoke(String stationId) {
        Ids.require(stationId, "stationId");
        Instant at = clock.instant();
        int n = db.write(c -> revokeLive(c, stationId, at));
        log.info("MQTT credential of station {} revoked ({} live)", stationId, n);
        announce(stationId); // also when none was live: a connection made before must still go
        return n > 0;
    }

    /** Checks a station's password against its live credential (and its revoked ones, to say why). */
    public Check check(String stationId, String password) {
        if (!Ids.isValid(stationId)) {
            return Check.NO_CREDENTIAL;
        }
        List<String[]> rows = db.read(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash, revoked_at FROM station_credentials"
                    + " WHERE station_id = ? ORDER BY id DESC LIMIT 20")) {
                ps.setString(1, stationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getObject(2) == null ? null : "revoked"});
                    }
                }
            }
            return out;
        });
        if (rows.isEmpty()) {
            return Check.NO_CREDENTIAL;
        }
        boolean live = false;
        for (String[] r : rows) {
            if (r[1] == null) {
                live = true;
                if (MosquittoHash.verify(password, r[0])) {
                    return Check.OK;
                }
            }
        }
        return live ? Check.WRONG_PASSWORD : Check.REVOKED;
    }

    /** The station's credential status. */
    public Status status(String stationId) {
        Ids.require(stationId, "stationId");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, revoked_at FROM station_credentials"
                    + " WHERE station_id = ? ORDER BY (revoked_at IS NULL) DESC, id DESC LIMIT 1")) {
                ps.setString(1, stationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Status(stationId, StationTopics.clientId(stationId), false, Optional.empty(), Optional.empty());
                    }
                    Optional<Instant> revoked = instant(rs, 2);
                    return new Status(stationId, StationTopics.clientId(stationId), revoked.isEmpty(), instant(rs, 1), revoked);
                }
            }
        });
    }

    /** Every live credential, by station id. */
    public List<Live> live() {
        return db.read(c -> {
            List<Live> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT station_id, password_hash FROM station_credentials"
                    + " WHERE revoked_at IS NULL ORDER BY station_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Live(rs.getString(1), StationTopics.clientId(rs.getString(1)), rs.getString(2)));
                }
            }
            return out;
        });
    }

    private static int revokeLive(java.sql.Connection c, String stationId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE station_credentials SET revoked_at = ? WHERE station_id = ? AND revoked_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, stationId);
            return ps.executeUpdate();
        }
    }

    private void announce(String stationId) {
        for (Consumer<String> l : revokeListeners) {
            try {
                l.accept(stationId);
            } catch (RuntimeException e) {
                log.warn("revocation listener failed for station {}: {}", stationId, e.toString());
            }
        }
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }
}
