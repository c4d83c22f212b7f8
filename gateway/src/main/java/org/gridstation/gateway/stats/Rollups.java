package org.gridstation.gateway.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import org.gridstation.gateway.store.Database;

/**
 * The table {@code stats_rollups}: which of the statistics' derived tables was built, and for
 * which zone (their days and months are the town's). A store written behind the gateway's back
 * deletes its rows so that the next start rebuilds them.
 */
final class Rollups {
    private Rollups() {
    }

    /** Whether {@code name} was built for {@code zone}. */
    static boolean builtFor(Database db, String name, ZoneId zone) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT zone FROM stats_rollups WHERE name=?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1).equals(zone.getId());
                }
            }
        });
    }

    /** Records that {@code name} is built for {@code zone}; in the transaction that built it. */
    static void built(Connection c, String name, ZoneId zone, long at) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM stats_rollups WHERE name=?")) {
            del.setString(1, name);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO stats_rollups(name, zone, built_at) VALUES (?,?,?)")) {
            ins.setString(1, name);
            ins.setString(2, zone.getId());
            ins.setLong(3, at);
            ins.executeUpdate();
        }
    }
}
