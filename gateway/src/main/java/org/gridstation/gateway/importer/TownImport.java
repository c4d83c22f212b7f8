package org.gridstation.gateway.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Location;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.downlink.StationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports grids, stations or people from a CSV export (see {@link CsvFile}). The header names the
 * columns, in Chinese or English, in any order. Every row is checked first; if any is bad, nothing
 * is imported unless {@code force} is given, and then only the good rows are. Rows add or replace
 * by id.
 */
public final class TownImport {
    /** The most data rows one file may have. */
    public static final int MAX_ROWS = 50_000;
    private static final Logger log = LoggerFactory.getLogger(TownImport.class);

    /** Header names per column (the first is the canonical name). */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "id", List.of("id", "编号", "编码", "工号"),
            "name", List.of("name", "名称", "姓名"),
            "parent", List.of("parent", "上级", "上级网格", "上级编号"),
            "grid", List.of("grid", "网格", "所属网格", "网格编号"),
            "role", List.of("role", "身份", "角色", "职务"),
            "phone", List.of("phone", "电话", "手机", "联系电话"),
            "duties", List.of("duties", "职责", "分工"),
            "lat", List.of("lat", "latitude", "纬度"),
            "lon", List.of("lon", "long", "longitude", "经度"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "grids", List.of("id", "name"),
            "stations", List.of("id", "name", "grid"),
            "people", List.of("id", "name", "role", "grid"));

    private final Town town;

    public TownImport(Town town) {
        this.town = town;
    }

    /** Imports {@code kind} ({@code grids}, {@code stations}, {@code people}) from {@code bytes}. */
    public ImportReport run(String kind, byte[] bytes, boolean force) {
        List<String> required = REQUIRED.get(kind);
        if (required == null) {
            throw new IllegalArgumentException("kind must be grids, stations or people");
        }
        CsvFile csv = CsvFile.parse(bytes);
        if (csv.rows().isEmpty()) {
            throw new IllegalArgumentException("the file is empty");
        }
        CsvFile.Row header = csv.rows().get(0);
        Map<String, Integer> col = columns(header);
        for (String r : required) {
            if (!col.containsKey(r)) {
                throw new IllegalArgumentException("line " + header.line() + ": the header has no column '" + r + "' ("
                        + String.join(" / ", COLUMNS.get(r)) + ")");
            }
        }
        List<CsvFile.Row> data = csv.rows().subList(1, csv.rows().size());
        if (data.size() > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " rows per file");
        }
        List<ImportReport.RowError> errors = new ArrayList<>();
        Map<Integer, Planned> planned = new java.util.LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> gridsKnown = new HashSet<>();
        town.grids().forEach(g -> gridsKnown.add(g.id()));
        Set<String> gridsInFile = new HashSet<>();
        if (kind.equals("grids")) {
            data.forEach(r -> get(r, col, "id").ifPresent(gridsInFile::add));
        }
        for (CsvFile.Row r : data) {
            try {
                String id = get(r, col, "id").orElseThrow(() -> new IllegalArgumentException("id is empty"));
                Ids.require(id, "id");
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("id '" + id + "' appears twice in the file");
                }
                String name = get(r, col, "name").orElseThrow(() -> new IllegalArgumentException("name is empty"));
                planned.put(r.line(), switch (kind) {
                    case "grids" -> grid(r, col, id, name, gridsKnown, gridsInFile);
                    case "stations" -> station(r, col, id, name, gridsKnown);
                    default -> person(r, col, id, name, gridsKnown);
                });
            } catch (IllegalArgumentException e) {
                errors.add(new ImportReport.RowError(r.line(), e.getMessage()));
            }
        }
        List<Planned> writes = kind.equals("grids") ? parentsFirst(planned, gridsKnown, errors) : List.copyOf(planned.values());
        errors.sort(java.util.Comparator.comparingInt(ImportReport.RowError::line));
        int imported = 0;
        if (errors.isEmpty() || force) {
            for (Planned w : writes) {
                w.write().run();
                imported++;
            }
        }
        log.info("import of {}: {} rows, {} imported, {} errors{}", kind, data.size(), imported, errors.size(),
                force ? " (forced)" : "");
        return new ImportReport(kind, csv.charset(), data.size(), imported, errors, force && !errors.isEmpty());
    }

    /** A checked row, ready to write. */
    private record Planned(int line, String id, Optional<String> parent, Runnable write) {
    }

    /**
     * Grids ordered so every parent is written before its children; a grid whose parent row is bad
     * or whose parent chain loops becomes an error itself.
     */
    private static List<Planned> parentsFirst(Map<Integer, Planned> planned, Set<String> known, List<ImportReport.RowError> errors) {
        Set<String> placed = new HashSet<>(known);
        List<Planned> pending = new ArrayList<>(planned.values());
        List<Planned> out = new ArrayList<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (java.util.Iterator<Planned> it = pending.iterator(); it.hasNext(); ) {
                Planned p = it.next();
                if (p.parent().map(placed::contains).orElse(true)) {
                    out.add(p);
                    placed.add(p.id());
                    it.remove();
                    progress = true;
                }
            }
        }
        Set<String> pendingIds = new HashSet<>();
        pending.forEach(p -> pendingIds.add(p.id()));
        for (Planned p : pending) {
            String parent = p.parent().orElseThrow();
            errors.add(new ImportReport.RowError(p.line(), pendingIds.contains(parent)
                    ? "parent '" + parent + "' cannot be imported (a bad row, or the parent chain loops)"
                    : "parent '" + parent + "' has an error in this file"));
        }
        return out;
    }

    private Planned grid(CsvFile.Row r, Map<String, Integer> col, String id, String name, Set<String> known, Set<String> inFile) {
        Optional<String> parent = get(r, col, "parent");
        parent.ifPresent(p -> {
            Ids.require(p, "parent");
            if (p.equals(id)) {
                throw new IllegalArgumentException("a grid cannot be its own parent");
            }
            if (!known.contains(p) && !inFile.contains(p)) {
                throw new IllegalArgumentException("parent grid '" + p + "' does not exist");
            }
        });
        new Grid(id, parent, name, 0); // validates
        return new Planned(r.line(), id, parent, () -> town.addGrid(id, parent, name));
    }

    private Planned station(CsvFile.Row r, Map<String, Integer> col, String id, String name, Set<String> known) {
        String grid = requireGrid(r, col, known);
        List<StationConfig.Service> services = town.station(id).map(Station::services).orElse(List.of());
        Optional<String> lat = get(r, col, "lat");
        Optional<String> lon = get(r, col, "lon");
        if (lat.isPresent() != lon.isPresent()) {
            throw new IllegalArgumentException("give both lat and lon, or neither");
        }
        Optional<Location> location;
        try {
            location = lat.map(a -> new Location(Double.parseDouble(a), Double.parseDouble(lon.get())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lat and lon must be decimal degrees, e.g. 30.2741 and 119.9012");
        }
        new Station(id, name, grid, services, location); // validates
        return new Planned(r.line(), id, Optional.empty(), () -> town.addStation(id, name, grid, services, location));
    }

    private Planned person(CsvFile.Row r, Map<String, Integer> col, String id, String name, Set<String> known) {
        String grid = requireGrid(r, col, known);
        String roleText = get(r, col, "role").orElseThrow(() -> new IllegalArgumentException("role is empty"));
        Role role = role(roleText);
        Optional<String> phone = get(r, col, "phone");
        Optional<String> duties = get(r, col, "duties");
        new Person(id, name, role, grid, phone, duties); // validates name length and phone
        return new Planned(r.line(), id, Optional.empty(), () -> town.addPerson(id, name, role, grid, phone, duties));
    }

    private static String requireGrid(CsvFile.Row r, Map<String, Integer> col, Set<String> known) {
        String grid = get(r, col, "grid").orElseThrow(() -> new IllegalArgumentException("grid is empty"));
        if (!known.contains(grid)) {
            throw new IllegalArgumentException("grid '" + grid + "' does not exist (import grids first)");
        }
        return grid;
    }

    /** A role by its wire name, Chinese or English label. */
    static Role role(String text) {
        String t = text.strip();
        for (Role r : Role.values()) {
            if (r.wire().equalsIgnoreCase(t) || r.zh().equals(t) || r.en().equalsIgnoreCase(t)) {
                return r;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Role r : Role.values()) {
            known.append(known.length() == 0 ? "" : "、").append(r.zh());
        }
        throw new IllegalArgumentException("unknown role '" + t + "' (one of " + known + ")");
    }

    private static Map<String, Integer> columns(CsvFile.Row header) {
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String h = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
                if (e.getValue().contains(h)) {
                    col.putIfAbsent(e.getKey(), i);
                }
            }
        }
        return col;
    }

    private static Optional<String> get(CsvFile.Row r, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null || i >= r.fields().size()) {
            return Optional.empty();
        }
        return Optional.of(r.fields().get(i).strip()).filter(v -> !v.isEmpty());
    }
}
