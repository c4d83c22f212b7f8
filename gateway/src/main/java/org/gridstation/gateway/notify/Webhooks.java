package org.gridstation.gateway.notify;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Ids;

/** The webhooks notices go to: town-wide, for one grid, or for one department. */
public final class Webhooks {
    private final Database db;
    private final Clock clock;

    public Webhooks(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A webhook. The secret (DingTalk's signing secret) is never shown back.
     *
     * @param id the webhook
     * @param name what it is, e.g. 和兴村网格群
     * @param url where to POST
     * @param format the body's shape
     * @param gridId only notices for this grid; with no grid and no department, every notice
     * @param departmentId only notices naming this department
     * @param hasSecret whether a signing secret is set
     * @param createdAt when it was added
     */
    public record Webhook(String id, String name, String url, WebhookFormat format, Optional<String> gridId,
            Optional<String> departmentId, boolean hasSecret, Instant createdAt) {
    }

    /** Adds or replaces a webhook. */
    public Webhook put(String id, String name, String url, WebhookFormat format, Optional<String> gridId,
            Optional<String> departmentId, Optional<String> secret) {
        Ids.require(id, "webhookId");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a name of 1-100 characters is required");
        }
        URI u;
        try {
            u = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a valid URL");
        }
        if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new IllegalArgumentException("url must be an http:// or https:// URL");
        }
        if (gridId.isPresent() && departmentId.isPresent()) {
            throw new IllegalArgumentException("a webhook is for a grid or for a department, not both");
        }
        gridId.ifPresent(g -> Ids.require(g, "gridId"));
        departmentId.ifPresent(d -> Ids.require(d, "departmentId"));
        Instant now = clock.instant();
        db.write(c -> {
            if (departmentId.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM departments WHERE id=?")) {
                    ps.setString(1, departmentId.get());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new UnknownException("department", departmentId.get());
                        }
                    }
                }
            }
            if (gridId.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM grids WHERE id=?")) {
                    ps.setString(1, gridId.get());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new UnknownException("grid", gridId.get());
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhooks(id, name, url, format, grid_id, department_id, secret, created_at)
                    VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name, url=excluded.url,
                    format=excluded.format, grid_id=excluded.grid_id, department_id=excluded.department_id,
                    secret=excluded.secret""")) {
                ps.setString(1, id);
                ps.setString(2, name.strip());
                ps.setString(3, u.toString());
                ps.setString(4, format.wire());
                ps.setString(5, gridId.orElse(null));
                ps.setString(6, departmentId.orElse(null));
                ps.setString(7, secret.filter(s -> !s.isBlank()).orElse(null));
                ps.setLong(8, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return get(id).orElseThrow();
    }

    public void delete(String id) {
        int n = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhooks WHERE id=?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new UnknownException("webhook", id);
        }
    }

    public Optional<Webhook> get(String id) {
        return all().stream().filter(w -> w.id().equals(id)).findFirst();
    }

    public List<Webhook> all() {
        return db.read(c -> {
            List<Webhook> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, url, format, grid_id, department_id, secret IS NOT NULL, created_at FROM webhooks ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), WebhookFormat.of(rs.getString(4)),
                            Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)), rs.getBoolean(7),
                            Instant.ofEpochMilli(rs.getLong(8))));
                }
            }
            return out;
        });
    }
}
