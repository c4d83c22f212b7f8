package org.gridstation.gateway.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.UnknownException;

/** The accounts of the command centre, with their argon2id password hashes. */
public final class Accounts {
    private static final String COLUMNS =
            "id, name, role, grid_id, department_id, must_change, created_at, disabled_at";

    private final Database db;
    private final Clock clock;
    private final PasswordHasher hasher;

    public Accounts(Database db, Clock clock, PasswordHasher hasher) {
        this.db = db;
        this.clock = clock;
        this.hasher = hasher;
    }

    /** What an admin asks for when creating or changing an account. */
    public record Draft(String id, String name, Role role, Optional<String> gridId, Optional<String> departmentId) {
        public Draft {
            if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
                throw new IllegalArgumentException(
                        "user name must be 2-40 characters: lower-case letters, digits, '.', '_' or '-'");
            }
            if (name == null || name.isBlank() || name.strip().length() > 60) {
                throw new IllegalArgumentException("a display name of 1-60 characters is required");
            }
            if (role == null) {
                throw new IllegalArgumentException("role must be one of admin, operator, grid-leader, department, viewer");
            }
            gridId = gridId == null ? Optional.empty() : gridId.filter(s -> !s.isBlank());
            departmentId = departmentId == null ? Optional.empty() : departmentId.filter(s -> !s.isBlank());
            if (role == Role.GRID_LEADER && gridId.isEmpty()) {
                throw new IllegalArgumentException("a grid leader needs gridId");
            }
            if (role == Role.DEPARTMENT && departmentId.isEmpty()) {
                throw new IllegalArgumentException("department staff need departmentId");
            }
            if (role != Role.GRID_LEADER) {
                gridId = Optional.empty();
            }
            if (role != Role.DEPARTMENT) {
                departmentId = Optional.empty();
            }
            name = name.strip();
        }
    }

    public boolean isEmpty() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM accounts LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        });
    }

    /**
     * Creates an account whose password is {@code oneTimePassword}, to be changed at first sign-in.
     *
     * @throws IllegalArgumentException if the user name is taken or the grid or department is unknown
     */
    public Account create(Draft d, String oneTimePassword) {
        String hash = hasher.hash(oneTimePassword);
        Instant now = clock.instant();
        db.write(c -> {
            if (find(c, d.id()).isPresent()) {
                throw new IllegalArgumentException("user name " + d.id() + " is taken");
            }
            insert(c, d, hash, now);
            return null;
        });
        return find(d.id()).orElseThrow();
    }

    /**
     * Creates {@code d} only if there is no account at all, in one transaction (of several gateway
     * instances starting together on one store, one creates the first admin); returns whether it did.
     */
    public boolean createIfNone(Draft d, String oneTimePassword) {
        String hash = hasher.hash(oneTimePassword);
        Instant now = clock.instant();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM accounts LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            insert(c, d, hash, now);
            return true;
        });
    }

    private void insert(Connection c, Draft d, String hash, Instant now) throws SQLException {
        requireScope(c, d);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts(id, name, role, grid_id, department_id,"
                + " password_hash, must_change, created_at, updated_at) VALUES (?,?,?,?,?,?,1,?,?)")) {
            ps.setString(1, d.id());
            ps.setString(2, d.name());
            ps.setString(3, d.role().wire());
            ps.setString(4, d.gridId().orElse(null));
            ps.setString(5, d.departmentId().orElse(null));
            ps.setString(6, hash);
            ps.setLong(7, now.toEpochMilli());
            ps.setLong(8, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Changes name, role and scope (the password stays). */
    public Account update(Draft d) {
        db.write(c -> {
            requireScope(c, d);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET name=?, role=?, grid_id=?, department_id=?, updated_at=? WHERE id=?")) {
                ps.setString(1, d.name());
                ps.setString(2, d.role().wire());
                ps.setString(3, d.gridId().orElse(null));
                ps.setString(4, d.departmentId().orElse(null));
                ps.setLong(5, clock.millis());
                ps.setString(6, d.id());
                if (ps.executeUpdate() == 0) {
                    throw new UnknownException("account", d.id());
                }
            }
            return null;
        });
        return find(d.id()).orElseThrow();
    }

    /** Sets a new password; {@code oneTime} makes the owner change it at next sign-in. */
    public void setPassword(String id, String password, boolean oneTime) {
        String hash = hasher.hash(password);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET password_hash=?, must_change=?, updated_at=? WHERE id=?")) {
                ps.setString(1, hash);
                ps.setInt(2, oneTime ? 1 : 0);
                ps.setLong(3, clock.millis());
                ps.setString(4, id);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownException("account", id);
                }
            }
            return null;
        });
    }

    /** Disables (true) or re-enables (false) an account. */
    public Account setDisabled(String id, boolean disabled) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(disabled
                    ? "UPDATE accounts SET disabled_at=COALESCE(disabled_at, ?), updated_at=? WHERE id=?"
                    : "UPDATE accounts SET disabled_at=NULL, updated_at=? WHERE id=?")) {
                int i = 1;
                if (disabled) {
                    ps.setLong(i++, clock.millis());
                }
                ps.setLong(i++, clock.millis());
                ps.setString(i, id);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownException("account", id);
                }
            }
            return null;
        });
        return find(id).orElseThrow();
    }

    /** The account if {@code password} is its password and it is not disabled. */
    public Optional<Account> check(String id, String password) {
        Optional<String> hash = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT password_hash FROM accounts WHERE id=? AND disabled_at IS NULL")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        if (hash.isEmpty()) {
            hasher.matches(password, DUMMY); // the same work whether or not the name exists
            return Optional.empty();
        }
        return hasher.matches(password, hash.get()) ? find(id) : Optional.empty();
    }

    public Optional<Account> find(String id) {
        return db.read(c -> find(c, id));
    }

    public List<Account> all() {
        return db.read(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        });
    }

    private static final String DUMMY =
            "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static Optional<Account> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    private static void requireScope(Connection c, Draft d) throws SQLException {
        if (d.gridId().isPresent() && !exists(c, "grids", d.gridId().get())) {
            throw new IllegalArgumentException("unknown grid " + d.gridId().get());
        }
        if (d.departmentId().isPresent() && !exists(c, "departments", d.departmentId().get())) {
            throw new IllegalArgumentException("unknown department " + d.departmentId().get());
        }
    }

    private static boolean exists(Connection c, String table, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        long disabled = rs.getLong(8);
        boolean isDisabled = !rs.wasNull();
        return new Account(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)).orElse(Role.VIEWER),
                Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)), rs.getInt(6) == 1,
                Instant.ofEpochMilli(rs.getLong(7)), isDisabled ? Optional.of(Instant.ofEpochMilli(disabled)) : Optional.empty());
    }
}
