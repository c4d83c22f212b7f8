package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an incident needs of its station: the grid it is filed in and the name its notices show,
 * read in the caller's transaction, and remembered per station on the ingest writer's thread while
 * a batch runs (like {@link LadderGrids}): a county batch files an incident every few events, and
 * each read the station's row twice (its grid, then its name and services through the town, the
 * services parsed from JSON).
 */
final class StationRows {
    /** A station's grid and name; both empty for a station the town does not know. */
    record Row(Optional<String> gridId, Optional<String> name) {
        static final Row UNKNOWN = new Row(Optional.empty(), Optional.empty());
    }

    /** Rows remembered on this thread while a batch runs (see {@link #remember}); else null. */
    private final ThreadLocal<Map<String, Row>> batch = new ThreadLocal<>();

    /** Until {@link #forget}, this thread reads each station's row once. */
    void remember() {
        if (batch.get() == null) {
            batch.set(new HashMap<>());
        }
    }

    /** Stops remembering on this thread (the batch committed or rolled back). */
    void forget() {
        batch.remove();
    }

    /** The station's row, read on {@code c} (or remembered from earlier in the batch). */
    Row of(Connection c, String stationId) throws SQLException {
        Map<String, Row> remembered = batch.get();
        Row row = remembered == null ? null : remembered.get(stationId);
        if (row == null) {
            row = read(c, stationId);
            if (remembered != null) {
                remembered.put(stationId, row);
            }
        }
        return row;
    }

    private static Row read(Connection c, String stationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT grid_id, name FROM stations WHERE id=?")) {
            ps.setString(1, stationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(Optional.ofNullable(rs.getString(1)), Optional.of(rs.getString(2))) : Row.UNKNOWN;
            }
        }
    }
}
