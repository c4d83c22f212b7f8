package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.gateway.ThrottledLog;
import org.gridstation.gateway.ingest.Projection;
import org.gridstation.gateway.ingest.Received;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.event.WalkInRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens incidents from walk-in requests and emergency presses and applies villagers' ratings,
 * inside the ingest's transaction. A rating that cannot apply (unknown ticket, not resolved yet)
 * is kept in {@code ticket_feedback}, logged (a few lines a minute) and counted, and changes
 * nothing else: it never fails the batch.
 */
public final class IncidentProjection implements Projection {
    private static final Logger log = LoggerFactory.getLogger(IncidentProjection.class);
    /** A burst can carry thousands of ratings that do not apply yet: a few lines a minute, all counted. */
    private final ThrottledLog refusals = new ThrottledLog(log, Clock.systemUTC());
    private final IncidentDesk desk;
    private final AtomicLong ratingsRefused = new AtomicLong();
    private final ThreadLocal<Set<String>> touched = ThreadLocal.withInitial(LinkedHashSet::new);

    public IncidentProjection(IncidentDesk desk) {
        this.desk = desk;
    }

    @Override
    public void apply(Connection c, Received r) throws SQLException {
        desk.batchStarted();
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
                if (ps.executeUpdate() == 0) {
                    return; // a duplicate delivery of a rating already applied
                }
            }
            try {
                desk.rateFromStation(c, f.ticket(), f.rating(), e.stationId(), r.receivedAt());
                touched.get().add(e.stationId());
            } catch (IncidentDesk.ConflictException | UnknownException x) {
                ratingsRefused.incrementAndGet();
                refusals.warn("ratings not applied", "rating of ticket {} from station {} not applied: {}", f.ticket(),
                        e.stationId(), x.getMessage());
            }
        }
    }

    @Override
    public void committed() {
        desk.batchEnded();
        Set<String> stations = new LinkedHashSet<>(touched.get());
        touched.get().clear();
        desk.committed(stations);
    }

    @Override
    public void rolledBack() {
        desk.batchEnded();
        touched.get().clear();
    }

    /** Ratings that arrived but could not apply (unknown or unresolved ticket). */
    public long ratingsRefused() {
        return ratingsRefused.get();
    }

    private void open(Connection c, Received r, String id, Category category, Severity severity,
            Optional<String> phone, Optional<String> note, boolean anonymous) throws SQLException {
        Event e = r.event();
        Incident i = IncidentDesk.filed(id, e.stationId(), desk.gridOf(c, e.stationId()), category,
                severity, phone, note, anonymous, r.receivedAt(), e.deviceTime());
        if (desk.open(c, i, e.id().toString())) {
            touched.get().add(e.stationId());
        } else {
            refusals.warn("incidents already open", "incident {} already exists; event {} from station {} not applied", id,
                    e.id(), e.stationId());
        }
    }
}
