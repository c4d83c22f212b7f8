package org.gridstation.gateway.incident;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.Ids;

/** The town's departments a whistle can call (司法所, 派出所, 综治办 …). */
public final class Departments {
    private final Database db;

    public Departments(Database db) {
        this.db = db;
    }

    /** A department. */
    public record Department(String id, String name, Optional<String> phone) {
        public Department {
            Ids.require(id, "departmentId");
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("a department name of 1-100 characters is required");
            }
            phone = phone == null ? Optional.empty() : phone;
        }
    }

    /** Adds or renames a department. */
    public Department put(Department d) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO departments(id, name, phone) VALUES (?,?,?)
                    ON CONFLICT(id) DO UPDATE SET name=excluded.name, phone=excluded.phone""")) {
                ps.setString(1, d.id());
                ps.setString(2, d.name());
                ps.setString(3, d.phone().orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
        return d;
    }

    public List<Department> all() {
        return db.read(c -> {
            List<Department> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, phone FROM departments ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Department(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3))));
                }
            }
            return out;
        });
    }

    public Optional<Department> get(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
