package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.gridstation.gateway.ingest.Projection;
import org.gridstation.gateway.ingest.Received;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.event.WalkInRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens incidents from walk-in requests and emergency presses; stores ticket feedback. */
public final class IncidentProjection implements Projection {
    private static final Logger log = LoggerFactory.getLogger(IncidentProjection.class);

    @Override
    public void apply(Connection c, Received r) throws SQLException {
        Event e = r.event();
        if (e.body() instanceof WalkInRequest w) {
            open(c, r, w.ticket(), w.category(), w.severity(), w.phone(), w.note(), w.anonymous());
        } else if (e.body() instanceof ButtonPressed b && ButtonPressed.EMERGENCY.equals(b.button())) {
            open(c, r, e.stationId() + "-sos-" + e.seq(), Category.SAFETY_HAZARD, Severity.URGENT,
                    Optional.empty(), Optional.empty(), false);
        } else if (e.body() instanceof TicketFeedback f) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ticket_feedback(event_id, ticket, rating, received_at) VALUES (?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, e.id().toString());
                ps.setString(2, f.ticket());
                ps.setString(3, f.rating().wire());
                ps.setLong(4, r.receivedAt().toEpochMilli());
                ps.executeUpdate();
            }
        }
    }

    private static void open(Connection c, Received r, String id, Category category, Severity severity,
            Optional<String> phone, Optional<String> note, boolean anonymous) throws SQLException {
        Event e = r.event();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO incidents(id, station_id, grid_id, category, severity, status, phone, note, anonymous,
                created_at, reported_at, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING""")) {
            ps.setString(1, id);
            ps.setString(2, e.stationId());
            ps.setString(3, gridOf(c, e.stationId()));
            ps.setString(4, category.wire());
            ps.setString(5, severity.wire());
            ps.setString(6, IncidentStatus.NEW.wire());
            ps.setString(7, phone.orElse(null));
            ps.setString(8, note.orElse(null));
            ps.setBoolean(9, anonymous);
            ps.setLong(10, r.receivedAt().toEpochMilli());
            ps.setLong(11, e.deviceTime().toEpochMilli());
            ps.setString(12, e.id().toString());
            if (ps.executeUpdate() == 0) {
                log.warn("incident {} already exists; event {} from station {} not applied", id, e.id(), e.stationId());
            }
        }
    }

    private static String gridOf(Connection c, String stationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT grid_id FROM stations WHERE id=?")) {
            ps.setString(1, stationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
