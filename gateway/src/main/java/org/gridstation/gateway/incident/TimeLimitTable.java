package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/**
 * The time limits in force: a row for the category and severity, else the row for every
 * category ({@code *}) and the severity, else {@link TimeLimits#defaults(Severity)}.
 */
public final class TimeLimitTable {
    /** The category key that stands for every category. */
    public static final String ANY = "*";
    private final Database db;

    public TimeLimitTable(Database db) {
        this.db = db;
    }

    /** One configured row. */
    public record Row(String category, Severity severity, TimeLimits limits) {
    }

    /** The limits for an incident, read on the caller's connection. */
    static TimeLimits lookup(Connection c, Category category, Severity severity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT accept_s, on_site_s, resolve_s FROM time_limits WHERE severity=? AND category IN (?, ?)
                ORDER BY CASE WHEN category=? THEN 0 ELSE 1 END LIMIT 1""")) {
            ps.setString(1, severity.wire());
            ps.setString(2, category.wire());
            ps.setString(3, ANY);
            ps.setString(4, category.wire());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new TimeLimits(Duration.ofSeconds(rs.getLong(1)), Duration.ofSeconds(rs.getLong(2)),
                            Duration.ofSeconds(rs.getLong(3)));
                }
            }
        }
        return TimeLimits.defaults(severity);
    }

    /** The limits for {@code category} and {@code severity}. */
    public TimeLimits limits(Category category, Severity severity) {
        return db.read(c -> lookup(c, category, severity));
    }

    /** Sets the limits for a category ({@code null} for every category) and severity. */
    public void set(Optional<Category> category, Severity severity, TimeLimits limits) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO time_limits(category, severity, accept_s, on_site_s, resolve_s) VALUES (?,?,?,?,?)
                    ON CONFLICT(category, severity) DO UPDATE SET accept_s=excluded.accept_s,
                    on_site_s=excluded.on_site_s, resolve_s=excluded.resolve_s""")) {
                ps.setString(1, category.map(Category::wire).orElse(ANY));
                ps.setString(2, severity.wire());
                ps.setLong(3, limits.accept().toSeconds());
                ps.setLong(4, limits.onSite().toSeconds());
                ps.setLong(5, limits.resolve().toSeconds());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The configured rows (the defaults apply where none is). */
    public List<Row> rows() {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT category, severity, accept_s, on_site_s, resolve_s FROM time_limits ORDER BY category, severity");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), Severity.of(rs.getString(2)), new TimeLimits(
                            Duration.ofSeconds(rs.getLong(3)), Duration.ofSeconds(rs.getLong(4)),
                            Duration.ofSeconds(rs.getLong(5)))));
                }
            }
            return out;
        });
    }
}
