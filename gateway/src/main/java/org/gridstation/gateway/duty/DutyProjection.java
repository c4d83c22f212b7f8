package org.gridstation.gateway.duty;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridstation.gateway.ingest.Projection;
import org.gridstation.gateway.ingest.Received;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;

/**
 * Keeps a person's duty sessions at a station as their check-in/out events in seq order make them:
 * a check-in opens a session unless one is open, a check-out closes the open one, anything else is
 * ignored. A scan that is the person's newest is added to their last session ({@link #append}); any
 * other is applied by re-deriving the sessions from the last one that began before it.
 */
public final class DutyProjection implements Projection {
    /** The ids of the batch's new events on this thread, from {@link #batch} until the batch ends. */
    private final ThreadLocal<Set<String>> batch = new ThreadLocal<>();
    /** The batch's last event number: events numbered higher are stored but not yet projected. */
    private final ThreadLocal<Long> upTo = new ThreadLocal<>();

    @Override
    public void batch(List<Received> fresh, long projectedUpTo) {
        Set<String> ids = new HashSet<>();
        for (Received r : fresh) {
            if (r.event().body() instanceof CheckIn || r.event().body() instanceof CheckOut) {
                ids.add(r.event().id().toString());
            }
        }
        batch.set(ids);
        upTo.set(projectedUpTo);
    }

    /** Events numbered up to this have been (or are being) applied; without a batch, all that are stored. */
    private long projectedUpTo() {
        Long n = upTo.get();
        return n == null ? Long.MAX_VALUE : n;
    }

    @Override
    public void committed() {
        batch.remove();
        upTo.remove();
    }

    @Override
    public void rolledBack() {
        batch.remove();
        upTo.remove();
    }

    @Override
    public void apply(Connection c, Received r) throws SQLException {
        Event e = r.event();
        String person;
        if (e.body() instanceof CheckIn ci) {
            person = ci.personId();
        } else if (e.body() instanceof CheckOut co) {
            person = co.personId();
        } else {
            return;
        }
        if (!append(c, r, person)) {
            rebuild(c, e, person, projectedUpTo());
        }
    }

    /**
     * The usual case, in three statements instead of a rebuild's five or more: no scan of the
     * person at the station with a later seq has been applied (the later ones of this batch are
     * applied after this one, in seq order), and their last session is open or was closed by a
     * check-out. The rebuild would then re-derive the sessions as they are and apply this scan to
     * the last one. Returns false, having written nothing, where a rebuild is needed: a scan that
     * arrived after a later one, or a last session that the roster rules closed without a check-out
     * (the rebuild opens it again, as it always did).
     */
    private boolean append(Connection c, Received r, String person) throws SQLException {
        Event e = r.event();
        String station = e.stationId();
        Set<String> pending = batch.get();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id FROM events WHERE station_id=? AND person_id=? AND seq > ? AND type IN ('check-in','check-out')
                AND (n IS NULL OR n <= ?)""")) {
            ps.setString(1, station);
            ps.setString(2, person);
            ps.setLong(3, e.seq());
            ps.setLong(4, projectedUpTo());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (pending == null || !pending.contains(rs.getString(1))) {
                        return false;
                    }
                }
            }
        }
        long lastIn = -1;
        boolean open = false;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT in_seq, out_event_id, out_at FROM duty_sessions WHERE station_id=? AND person_id=?
                ORDER BY in_seq DESC LIMIT 1""")) {
            ps.setString(1, station);
            ps.setString(2, person);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastIn = rs.getLong(1);
                    open = rs.getString(2) == null;
                    rs.getLong(3);
                    if (open && !rs.wasNull()) {
                        return false; // closed by the roster rules, not by a check-out
                    }
                }
            }
        }
        if (lastIn >= e.seq()) {
            return false;
        }
        long at = r.receivedAt().toEpochMilli();
        if (e.body() instanceof CheckIn ci && !open) {
            insert(c, station, person, new Open(In.of(ci), e.id().toString(), e.seq(), at, e.deviceTime().toEpochMilli()),
                    null, 0, 0);
        } else if (e.body() instanceof CheckOut && open) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE duty_sessions SET out_event_id=?, out_seq=?, out_at=? WHERE station_id=? AND person_id=? AND in_seq=?")) {
                ps.setString(1, e.id().toString());
                ps.setLong(2, e.seq());
                ps.setLong(3, at);
                ps.setString(4, station);
                ps.setString(5, person);
                ps.setLong(6, lastIn);
                ps.executeUpdate();
            }
        }
        return true;
    }

    /**
     * Re-derives the person's sessions from the last one that began before {@code e}. The check-ins
     * it needs come from the sessions it replaces, or from {@code e} itself; only a check-in found
     * in neither (one that arrived late, say) is parsed from its stored JSON — parsing every event
     * again was 44 % of the ingest writer's samples in the county burst (docs/scaling.md).
     */
    private static void rebuild(Connection c, Event e, String person, long upTo) throws SQLException {
        String station = e.stationId();
        long seq = e.seq();
        long from = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(in_seq) FROM duty_sessions WHERE station_id=? AND person_id=? AND in_seq < ?")) {
            ps.setString(1, station);
            ps.setString(2, person);
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    from = rs.getLong(1);
                }
            }
        }
        Map<String, In> known = new HashMap<>();
        if (e.body() instanceof CheckIn ci) {
            known.put(e.id().toString(), In.of(ci));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT in_event_id, badge_id, shift_id, scheduled FROM duty_sessions WHERE station_id=? AND person_id=? AND in_seq >= ?")) {
            ps.setString(1, station);
            ps.setString(2, person);
            ps.setLong(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(1), new In(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM duty_sessions WHERE station_id=? AND person_id=? AND in_seq >= ?")) {
            ps.setString(1, station);
            ps.setString(2, person);
            ps.setLong(3, from);
            ps.executeUpdate();
        }
        Open open = null;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, seq, received_at, device_time, type, payload FROM events
                WHERE station_id=? AND person_id=? AND seq >= ? AND type IN ('check-in','check-out')
                AND (n IS NULL OR n <= ?) ORDER BY seq""")) {
            ps.setString(1, station);
            ps.setString(2, person);
            ps.setLong(3, from);
            ps.setLong(4, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean checkIn = CheckIn.TYPE.equals(rs.getString(5));
                    if (checkIn && open == null) {
                        String id = rs.getString(1);
                        In in = known.get(id);
                        if (in == null) {
                            Event ev = Json.read(rs.getString(6).getBytes(StandardCharsets.UTF_8), Event.class);
                            in = In.of((CheckIn) ev.body());
                        }
                        open = new Open(in, id, rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    } else if (!checkIn && open != null) {
                        insert(c, station, person, open, rs.getString(1), rs.getLong(2), rs.getLong(3));
                        open = null;
                    }
                }
            }
        }
        if (open != null) {
            insert(c, station, person, open, null, 0, 0);
        }
    }

    /** What a session keeps of its check-in. */
    private record In(String badgeId, String shiftId, boolean scheduled) {
        static In of(CheckIn ci) {
            return new In(ci.badgeId(), ci.shiftId().orElse(null), ci.scheduled());
        }
    }

    private record Open(In in, String eventId, long seq, long at, long deviceTime) {
    }

    private static void insert(Connection c, String station, String person, Open in, String outId, long outSeq, long outAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO duty_sessions(station_id, person_id, badge_id, shift_id, scheduled, in_event_id, in_seq,
                in_at, in_device_time, out_event_id, out_seq, out_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""")) {
            ps.setString(1, station);
            ps.setString(2, person);
            ps.setString(3, in.in().badgeId());
            ps.setString(4, in.in().shiftId());
            ps.setInt(5, in.in().scheduled() ? 1 : 0);
            ps.setString(6, in.eventId());
            ps.setLong(7, in.seq());
            ps.setLong(8, in.at());
            ps.setLong(9, in.deviceTime());
            if (outId == null) {
                ps.setNull(10, Types.VARCHAR);
                ps.setNull(11, Types.INTEGER);
                ps.setNull(12, Types.INTEGER);
            } else {
                ps.setString(10, outId);
                ps.setLong(11, outSeq);
                ps.setLong(12, outAt);
            }
            ps.executeUpdate();
        }
    }
}
