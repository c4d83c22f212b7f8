package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/**
 * What opening an incident reads that rarely changes: its station's grid and name, and the time
 * limits for its category and severity. Read in the caller's transaction, and remembered on the
 * ingest writer's thread while a batch runs (like {@link LadderGrids}): a county batch files an
 * incident every few events, and each read the station's row twice (its grid, then its name and
 * services through the town, the services parsed from JSON) and the time limits once. Stations
 * and time limits change only in write transactions of their own, so none changes during a batch.
 */
final class BatchReads {
    /** A station's grid and name; both empty for a station the town does not know. */
    record StationRow(Optional<String> gridId, Optional<String> name) {
        static final StationRow UNKNOWN = new StationRow(Optional.empty(), Optional.empty());
    }

    private record LimitsKey(Category category, Severity severity) {
    }

    /** What this thread's batch has read. */
    private static final class Batch {
        private final Map<String, StationRow> stations = new HashMap<>();
        private final Map<LimitsKey, TimeLimits> limits = new HashMap<>();
    }

    /** The batch running on this thread (see {@link #remember}); else null. */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    /** Until {@link #forget}, this thread reads each station's row and each pair's time limits once. */
    void remember() {
        if (batch.get() == null) {
            batch.set(new Batch());
        }
    }

    /** Stops remembering on this thread (the batch committed or rolled back). */
    void forget() {
        batch.remove();
    }

    /** The station's row, read on {@code c} (or remembered from earlier in the batch). */
    StationRow station(Connection c, String stationId) throws SQLException {
        Batch b = batch.get();
        StationRow row = b == null ? null : b.stations.get(stationId);
        if (row == null) {
            row = readStation(c, stationId);
            if (b != null) {
                b.stations.put(stationId, row);
            }
        }
        return row;
    }

    /** The time limits in force, read on {@code c} (or remembered from earlier in the batch). */
    TimeLimits limits(Connection c, Category category, Severity severity) throws SQLException {
        Batch b = batch.get();
        LimitsKey key = new LimitsKey(category, severity);
        TimeLimits limits = b == null ? null : b.limits.get(key);
        if (limits == null) {
            limits = TimeLimitTable.lookup(c, category, severity);
            if (b != null) {
                b.limits.put(key, limits);
            }
        }
        return limits;
    }

    private static StationRow readStation(Connection c, String stationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT grid_id, name FROM stations WHERE id=?")) {
            ps.setString(1, stationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StationRow(Optional.ofNullable(rs.getString(1)), Optional.of(rs.getString(2)))
                        : StationRow.UNKNOWN;
            }
        }
    }
}
