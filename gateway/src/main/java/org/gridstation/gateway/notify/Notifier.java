package org.gridstation.gateway.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridstation.protocol.Json;

/**
 * Queues notices inside the caller's transaction (so a notice exists exactly when the change it
 * reports was committed) with one delivery per matching webhook: a town-wide webhook (no grid, no
 * department) receives every notice, a grid's webhook the notices whose grids include it, a
 * department's webhook the notices naming the department. {@link Deliveries} sends them.
 */
public final class Notifier {
    /** A webhook as routing sees it: town-wide when it has neither grid nor department. */
    private record Hook(String id, String gridId, String departmentId) {
        boolean matches(Notice n) {
            return (gridId == null && departmentId == null) || (gridId != null && n.gridIds().contains(gridId))
                    || (departmentId != null && n.departmentIds().contains(departmentId));
        }
    }

    private final Clock clock;
    /** The batch running on this thread (see {@link #remember}); else null. */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    /** What a batch remembers: the webhooks, once read. */
    private static final class Batch {
        private List<Hook> hooks;
    }
    private volatile Runnable wake = () -> { };

    public Notifier(Clock clock) {
        this.clock = clock;
    }

    /** Called after a commit that queued deliveries; the delivery worker wires itself here. */
    public void onQueued(Runnable wake) {
        this.wake = wake;
    }

    /** Nudges the delivery worker; call after the transaction that queued notices committed. */
    public void committed() {
        wake.run();
    }

    /**
     * Until {@link #forget}, this thread reads the webhooks once, in the first {@link #enqueue},
     * and routes every later notice by that list: an ingest batch files a notice every few events,
     * and reading every webhook for each was a visible share of the writer's time. Webhooks change
     * only in a write transaction of their own, so none changes while the batch's transaction runs.
     */
    public void remember() {
        if (batch.get() == null) {
            batch.set(new Batch());
        }
    }

    /** Stops remembering on this thread (the batch committed or rolled back). */
    public void forget() {
        batch.remove();
    }

    /** Queues {@code n}; returns the number of deliveries queued. */
    public int enqueue(Connection c, Notice n) throws SQLException {
        long now = clock.millis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", n.kind());
        body.put("title", n.title());
        body.put("text", n.text());
        body.put("incident", n.incident());
        body.put("grids", n.gridIds());
        body.put("departments", n.departmentIds());
        body.put("createdAt", clock.instant().toString());
        List<String> hooks = new ArrayList<>();
        for (Hook h : hooks(c)) {
            if (h.matches(n)) {
                hooks.add(h.id());
            }
        }
        String bodyJson = Json.writeString(body);
        String targets = String.join(",", n.gridIds()) + ";" + String.join(",", n.departmentIds());
        if (hooks.isEmpty()) {
            // no delivery needs the row's id: no result set to read (most notices in a burst)
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notifications(incident_id, kind, created_at, title, body, targets) VALUES (?,?,?,?,?,?)")) {
                bind(ps, n, now, bodyJson, targets);
                ps.executeUpdate();
            }
            return 0;
        }
        long id;
        // RETURNING rather than generated keys: SQLite's driver reads those with a statement of its
        // own, prepared anew for every insert (about a tenth of the ingest writer's samples in a
        // county burst)
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notifications(incident_id, kind, created_at, title, body, targets) VALUES (?,?,?,?,?,?) RETURNING id")) {
            bind(ps, n, now, bodyJson, targets);
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO deliveries(notification_id, webhook_id, state, attempts, next_at) VALUES (?,?,'pending',0,?)")) {
            for (String h : hooks) {
                ps.setLong(1, id);
                ps.setString(2, h);
                ps.setLong(3, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return hooks.size();
    }

    private static void bind(PreparedStatement ps, Notice n, long now, String body, String targets) throws SQLException {
        ps.setString(1, n.incidentId().orElse(null));
        ps.setString(2, n.kind());
        ps.setLong(3, now);
        ps.setString(4, n.title());
        ps.setString(5, body);
        ps.setString(6, targets);
    }

    private List<Hook> hooks(Connection c) throws SQLException {
        Batch remembered = batch.get();
        if (remembered != null && remembered.hooks != null) {
            return remembered.hooks;
        }
        List<Hook> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, grid_id, department_id FROM webhooks");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Hook(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        if (remembered != null) {
            remembered.hooks = all;
        }
        return all;
    }
}
