package org.gridstation.gateway.town;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * The town directory, stored in the gateway's database. Every {@code add…} adds or replaces by id
 * and then calls the change hook, which re-publishes the stations' retained config and roster.
 */
public final class Town {
    private static final TypeReference<List<StationConfig.Service>> SERVICES = new TypeReference<>() {
    };

    private final Database db;
    private final ZoneId zone;
    private final String name;
    private final java.time.Clock clock;
    private volatile Runnable onChange = () -> { };

    /** A town on the system clock. */
    public Town(Database db, ZoneId zone, String name) {
        this(db, zone, name, java.time.Clock.systemUTC());
    }

    /** A town whose "today" follows {@code clock}. */
    public Town(Database db, ZoneId zone, String name, java.time.Clock clock) {
        this.db = db;
        this.zone = zone;
        this.name = name;
        this.clock = clock;
    }

    /** Called after every change; the gateway wires it to the downlink publisher. */
    public void onChange(Runnable hook) {
        this.onChange = hook;
    }

    /** The town's display name. */
    public String name() {
        return name;
    }

    /** The town's time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** Today's date in the town zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    // ---- changes ----------------------------------------------------------------------------

    /** Adds or renames a grid; its level is its parent's plus one (0 without a parent). */
    public Grid addGrid(String id, Optional<String> parentId, String gridName) {
        Grid g = db.write(c -> {
            int level = 0;
            if (parentId.isPresent()) {
                level = gridIn(c, parentId.get()).orElseThrow(() -> new UnknownException("grid", parentId.get())).level() + 1;
            }
            Grid grid = new Grid(id, parentId, gridName, level);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO grids(id, parent_id, name, level) VALUES (?,?,?,?)
                    ON CONFLICT(id) DO UPDATE SET parent_id=excluded.parent_id, name=excluded.name, level=excluded.level""")) {
                ps.setString(1, grid.id());
                ps.setString(2, grid.parentId().orElse(null));
                ps.setString(3, grid.name());
                ps.setInt(4, grid.level());
                ps.executeUpdate();
            }
            return grid;
        });
        changed();
        return g;
    }

    /** Adds or replaces a station; a station replaced keeps its location. */
    public Station addStation(String id, String stationName, String gridId, List<StationConfig.Service> services) {
        return addStation(id, stationName, gridId, services, Optional.empty());
    }

    /** Adds or replaces a station with its location (empty: keep the one it has, if any). */
    public Station addStation(String id, String stationName, String gridId, List<StationConfig.Service> services,
            Optional<Location> location) {
        Station s = new Station(id, stationName, gridId, services, location);
        db.write(c -> {
            requireGrid(c, gridId);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO stations(id, name, grid_id, services, lat, lon) VALUES (?,?,?,?,?,?)
                    ON CONFLICT(id) DO UPDATE SET name=excluded.name, grid_id=excluded.grid_id, services=excluded.services,
                    lat=COALESCE(excluded.lat, stations.lat), lon=COALESCE(excluded.lon, stations.lon)""")) {
                ps.setString(1, s.id());
                ps.setString(2, s.name());
                ps.setString(3, s.gridId());
                ps.setString(4, Json.writeString(s.services()));
                ps.setObject(5, location.map(Location::lat).orElse(null));
                ps.setObject(6, location.map(Location::lon).orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
        changed();
        return station(id).orElse(s);
    }

    /** Adds or replaces a person. */
    public Person addPerson(String id, String personName, Role role, String gridId, Optional<String> phone,
            Optional<String> duties) {
        Person p = new Person(id, personName, role, gridId, phone, duties);
        db.write(c -> {
            requireGrid(c, gridId);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO people(id, name, role, grid_id, phone, duties) VALUES (?,?,?,?,?,?)
                    ON CONFLICT(id) DO UPDATE SET name=excluded.name, role=excluded.role, grid_id=excluded.grid_id,
                    phone=excluded.phone, duties=excluded.duties""")) {
                ps.setString(1, p.id());
                ps.setString(2, p.name());
                ps.setString(3, p.role().wire());
                ps.setString(4, p.gridId());
                ps.setString(5, p.phone().orElse(null));
                ps.setString(6, p.duties().orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
        changed();
        return p;
    }

    /**
     * Adds or replaces a shift on {@code date} from {@code start} to {@code end} (town zone); an
     * end before the start means the shift crosses midnight.
     */
    public Shift addShift(String shiftId, String stationId, String label, LocalDate date, LocalTime start,
            LocalTime end, int required, List<String> personIds) {
        Shift shift = shiftOf(shiftId, stationId, label, date, start, end, required, personIds);
        db.write(c -> {
            writeShift(c, shift);
            return null;
        });
        changed();
        return shift;
    }

    /**
     * The shift on {@code date} from {@code start} to {@code end} in the town zone (an end not
     * after the start crosses midnight), without storing it.
     */
    public Shift shiftOf(String shiftId, String stationId, String label, LocalDate date, LocalTime start,
            LocalTime end, int required, List<String> personIds) {
        ZonedDateTime from = date.atTime(start).atZone(zone);
        ZonedDateTime to = (end.isAfter(start) ? date : date.plusDays(1)).atTime(end).atZone(zone);
        return new Shift(shiftId, stationId, label, date, from.toInstant(), to.toInstant(), required, personIds);
    }

    /**
     * Adds or replaces {@code shifts} and removes the shifts {@code removeIds} in one transaction,
     * then calls the change hook once (the roster planner writes a generated range this way).
     */
    public void replaceShifts(List<Shift> shifts, java.util.Collection<String> removeIds) {
        if (shifts.isEmpty() && removeIds.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM shifts WHERE id=?")) {
                for (String id : removeIds) {
                    del.setString(1, id);
                    del.executeUpdate();
                }
            }
            for (Shift s : shifts) {
                writeShift(c, s);
            }
            return null;
        });
        changed();
    }

    private static void writeShift(Connection c, Shift shift) throws SQLException {
        String stationId = shift.stationId();
        String shiftId = shift.id();
        if (stationIn(c, stationId).isEmpty()) {
            throw new UnknownException("station", stationId);
        }
        for (String p : shift.personIds()) {
            if (personIn(c, p).isEmpty()) {
                throw new UnknownException("person", p);
            }
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM shifts WHERE id=?")) {
            del.setString(1, shiftId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shifts(id, station_id, label, local_date, start_utc, end_utc, required) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, shift.id());
            ps.setString(2, shift.stationId());
            ps.setString(3, shift.label());
            ps.setString(4, shift.localDate().toString());
            ps.setLong(5, shift.start().toEpochMilli());
            ps.setLong(6, shift.end().toEpochMilli());
            ps.setInt(7, shift.required());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shift_volunteers(shift_id, person_id) VALUES (?,?) ON CONFLICT DO NOTHING")) {
            for (String p : shift.personIds()) {
                ps.setString(1, shift.id());
                ps.setString(2, p);
                ps.executeUpdate();
            }
        }
    }

    private void changed() {
        onChange.run();
    }

    // ---- lookups ----------------------------------------------------------------------------

    public Optional<Grid> grid(String id) {
        return db.read(c -> gridIn(c, id));
    }

    public List<Grid> grids() {
        return db.read(c -> query(c, "SELECT id, parent_id, name, level FROM grids ORDER BY level, id", Town::grid));
    }

    /** The grids whose parent is {@code gridId}, by id. */
    public List<Grid> children(String gridId) {
        return db.read(c -> childrenIn(c, gridId));
    }

    public Optional<Station> station(String id) {
        return db.read(c -> stationIn(c, id));
    }

    public List<Station> stations() {
        return db.read(c -> query(c, "SELECT id, name, grid_id, services, lat, lon FROM stations ORDER BY id", Town::station));
    }

    /** Every station's id, in one read. */
    public Set<String> stationIds() {
        return db.read(c -> new HashSet<>(query(c, "SELECT id FROM stations", rs -> rs.getString(1))));
    }

    public Optional<Person> person(String id) {
        return db.read(c -> personIn(c, id));
    }

    public List<Person> people() {
        return db.read(c -> query(c, "SELECT id, name, role, grid_id, phone, duties FROM people ORDER BY id", Town::person));
    }

    /** People whose grid is exactly {@code gridId}. */
    public List<Person> peopleOf(String gridId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, role, grid_id, phone, duties FROM people WHERE grid_id=? ORDER BY id")) {
                ps.setString(1, gridId);
                List<Person> people = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        people.add(Town.person(rs));
                    }
                }
                return people;
            }
        });
    }

    /** The grids from the root down to {@code gridId}. */
    public List<Grid> gridChain(String gridId) {
        return db.read(c -> {
            List<Grid> chain = new ArrayList<>();
            Optional<Grid> g = gridIn(c, gridId);
            while (g.isPresent() && chain.size() < 64) {
                chain.add(g.get());
                g = g.get().parentId().isPresent() ? gridIn(c, g.get().parentId().get()) : Optional.empty();
            }
            Collections.reverse(chain);
            return chain;
        });
    }

    /** Shifts starting on {@code date} (town zone) at every station. */
    public List<Shift> shiftsOn(LocalDate date) {
        return db.read(c -> {
            List<Shift> shifts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, station_id, label, local_date, start_utc, end_utc, required FROM shifts WHERE local_date=? ORDER BY station_id, start_utc, id")) {
                ps.setString(1, date.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shifts.add(new Shift(rs.getString(1), rs.getString(2), rs.getString(3), LocalDate.parse(rs.getString(4)),
                                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7),
                                volunteers(c, rs.getString(1))));
                    }
                }
            }
            return shifts;
        });
    }

    /** Shifts at one station starting on {@code date}. */
    public List<Shift> shiftsOn(LocalDate date, String stationId) {
        return shiftsOn(date).stream().filter(s -> s.stationId().equals(stationId)).toList();
    }

    /** One shift by id. */
    public Optional<Shift> shift(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, station_id, label, local_date, start_utc, end_utc, required FROM shifts WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Shift(rs.getString(1), rs.getString(2), rs.getString(3),
                            LocalDate.parse(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)),
                            Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7), volunteers(c, rs.getString(1))))
                            : Optional.<Shift>empty();
                }
            }
        });
    }

    private static List<String> volunteers(Connection c, String shiftId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT person_id FROM shift_volunteers WHERE shift_id=? ORDER BY person_id")) {
            ps.setString(1, shiftId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    // ---- row mapping ------------------------------------------------------------------------

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String sql, Row<T> row, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        }
    }

    /** The grid {@code id}, read on the caller's connection (in its transaction). */
    public static Optional<Grid> gridIn(Connection c, String id) throws SQLException {
        return query(c, "SELECT id, parent_id, name, level FROM grids WHERE id=?", Town::grid, id).stream().findFirst();
    }

    /** The grids whose parent is {@code gridId}, by id, read on the caller's connection. */
    public static List<Grid> childrenIn(Connection c, String gridId) throws SQLException {
        return query(c, "SELECT id, parent_id, name, level FROM grids WHERE parent_id=? ORDER BY id", Town::grid, gridId);
    }

    private static Optional<Station> stationIn(Connection c, String id) throws SQLException {
        return query(c, "SELECT id, name, grid_id, services, lat, lon FROM stations WHERE id=?", Town::station, id).stream().findFirst();
    }

    private static Optional<Person> personIn(Connection c, String id) throws SQLException {
        return query(c, "SELECT id, name, role, grid_id, phone, duties FROM people WHERE id=?", Town::person, id).stream().findFirst();
    }

    private static void requireGrid(Connection c, String gridId) throws SQLException {
        Ids.require(gridId, "gridId");
        if (gridIn(c, gridId).isEmpty()) {
            throw new UnknownException("grid", gridId);
        }
    }

    private static Grid grid(ResultSet rs) throws SQLException {
        return new Grid(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3), rs.getInt(4));
    }

    private static Station station(ResultSet rs) throws SQLException {
        List<StationConfig.Service> services;
        try {
            services = Json.mapper().readValue(rs.getString(4), SERVICES);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("bad services of station " + rs.getString(1), e);
        }
        double lat = rs.getDouble(5);
        boolean located = !rs.wasNull();
        double lon = rs.getDouble(6);
        located &= !rs.wasNull();
        return new Station(rs.getString(1), rs.getString(2), rs.getString(3), services,
                located ? Optional.of(new Location(lat, lon)) : Optional.empty());
    }

    private static Person person(ResultSet rs) throws SQLException {
        return new Person(rs.getString(1), rs.getString(2), Role.of(rs.getString(3)), rs.getString(4),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)));
    }

    static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > 200) {
            throw new IllegalArgumentException(what + " must be at most 200 characters");
        }
    }
}
