package org.gridstation.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.auth.Accounts;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.gateway.town.Station;

/**
 * Measures the statistics and Open311 reads on a big store: a gateway with the 14-station demo
 * town and N incidents over the 12 months up to 2026-11-30 (with their deadlines and, for one in
 * twenty, whistles to departments), written straight into its SQLite file; then each request
 * once to warm up and 7 times timed over HTTP (median reported), each time alternating with a
 * second gateway on a copy of the store without the statistics indexes (schema migration 9), to show
 * what they are for under the same machine load.
 */
final class StatsBenchmark {
    private static final String[] DEPARTMENTS = {"police", "judicial", "env", "safety", "market"};
    private static final String[] LEVELS = {"team", "area", "village", "town"};
    private static final String[] CATEGORIES = {"legal-advice", "dispute-mediation", "deliberation", "errand", "policy",
        "street-order", "environment", "safety-hazard", "vulnerable-help", "other"};
    /** Migration 5 of the gateway's schema. */
    private static final String[] STATS_INDEXES = {"incidents_category_created", "incidents_grid_created",
        "whistles_department", "incidents_stats", "incident_timers_stats"};
    private final Path data;
    private final int incidents;
    private final int runs;
    private final boolean compare;
    /** How long the gateway may run before the first timed request. */
    private static final long SETTLE_MS = 15_000;
    /** Only the requests whose name contains this. */
    private final Optional<String> only;
    /** An incident the fill whistled to a department. */
    private String whistled = "bench-0";
    private final String loadBefore = loadAverage();
    private final HttpClient http = HttpClient.newHttpClient();

    StatsBenchmark(Path data, int incidents, int runs, boolean compare, Optional<String> only) {
        this.only = only;
        this.data = data;
        this.incidents = incidents;
        this.runs = runs;
        this.compare = compare;
    }

    String run() throws Exception {
        GatewayConfig config = GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0);
        List<Station> stations;
        boolean filled;
        try (GatewayApp app = GatewayApp.start(config)) {
            filled = !app.town().stations().isEmpty();
            if (!filled) {
                DemoTown.seed(app, DemoTown.MAX_STATIONS);
                for (String d : DEPARTMENTS) {
                    send(app, "PUT", "/api/v1/departments/" + d, "{\"name\":\"" + d + "\"}");
                }
            }
            stations = app.town().stations();
        }
        long t0 = System.nanoTime();
        if (filled) { // --data of an earlier run: measure its store again as it is
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
                    Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents WHERE id LIKE 'bench-%'")) {
                rs.next(); // (the gateway's own rules may have added a few no-show incidents since)
                if (rs.getInt(1) != incidents) {
                    throw new IllegalStateException(data + " holds " + rs.getInt(1) + " bench incidents, not " + incidents);
                }
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
                    Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery(
                            "SELECT MIN(incident_id) FROM whistles WHERE incident_id LIKE 'bench-%'")) {
                whistled = rs.next() && rs.getString(1) != null ? rs.getString(1) : whistled;
            }
        } else {
            fill(stations, config.zone());
        }
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        Station station = stations.get(0);
        String village = station.gridId();
        Map<String, String> queries = queries(station, village);
        queries.keySet().removeIf(name -> only.isPresent() && !name.contains(only.get()));
        Map<String, double[]> figures = new LinkedHashMap<>();
        if (!compare) {
            try (GatewayApp app = GatewayApp.start(config)) {
                // the start's own background work (retained downlinks, roster days, rules) first
                Thread.sleep(SETTLE_MS);
                tokens.put(app, token(app, Role.ADMIN, Optional.empty(), Optional.empty()));
                String department = token(app, Role.DEPARTMENT, Optional.empty(), Optional.of("police"));
                String leader = token(app, Role.GRID_LEADER, Optional.of(village), Optional.empty());
                for (Map.Entry<String, String> q : queries.entrySet()) {
                    String path = q.getValue();
                    String as = q.getKey().contains("as a department") ? department
                            : q.getKey().contains("as a grid leader") ? leader : tokens.get(app);
                    figures.put(q.getKey(), measure(app, path, as));
                }
            }
            StringBuilder out = new StringBuilder(String.format(
                    "GridStation stats benchmark: %,d incidents over 12 months, 14 stations (store filled in %.1f s)%n",
                    incidents, fillSeconds));
            out.append(String.format("  %-64s %10s %10s%n", "request (" + runs + " runs after one warm-up, ms)", "median", "max"));
            for (Map.Entry<String, double[]> m : figures.entrySet()) {
                out.append(String.format("  %-64s %10.1f %10.1f%n", m.getKey(), m.getValue()[0], m.getValue()[1]));
            }
            out.append(String.format("  load average (1 min) before / after: %s / %s%n", loadBefore, loadAverage()));
            return out.toString();
        }
        Path bare = data.resolveSibling(data.getFileName() + "-without-stats-indexes");
        Files.createDirectories(bare);
        Files.copy(data.resolve("gateway.db"), bare.resolve("gateway.db"), StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bare.resolve("gateway.db"));
                Statement s = c.createStatement()) {
            for (String index : STATS_INDEXES) {
                s.execute("DROP INDEX " + index);
            }
        }
        try (GatewayApp with = GatewayApp.start(config);
                GatewayApp without = GatewayApp.start(GatewayConfig.defaults(bare).withHttpPort(0).withMqttPort(0))) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                if (q.getKey().startsWith("stats") || q.getKey().startsWith("/stats")) {
                    figures.put(q.getKey(), measure(with, without, q.getValue()));
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(
                "GridStation stats benchmark: %,d incidents over 12 months, 14 stations (store filled in %.1f s)%n",
                incidents, fillSeconds));
        out.append(String.format("  %-52s %10s %24s%n", "request (median of " + runs + ", ms)", "indexed",
                "without the stats indexes"));
        for (Map.Entry<String, double[]> m : figures.entrySet()) {
            out.append(String.format("  %-52s %10.1f %24.1f%n", m.getKey(), m.getValue()[0], m.getValue()[1]));
        }
        out.append(String.format("  load average (1 min) before / after: %s / %s%n", loadBefore, loadAverage()));
        return out.toString();
    }

    /**
     * Every read the command centre's dashboard and the REST API make of the incident store, by
     * name: the dashboard's own calls, the incident list with each filter, one incident, the
     * public pages, the statistics and the Open311 search.
     */
    private Map<String, String> queries(Station station, String village) {
        Map<String, String> q = new LinkedHashMap<>();
        String month = "from=2026-11-01&to=2026-11-30";
        // the dashboard (dashboard.js and roster-panel.js; refreshed on every live change)
        q.put("dashboard: stations (health, on duty, open incidents)", "/api/v1/stations");
        q.put("dashboard: incidents?limit=50 (queue with countdowns)", "/api/v1/incidents?limit=50");
        q.put("dashboard: ingest", "/api/v1/ingest");
        q.put("dashboard: alerts?limit=50", "/api/v1/alerts?limit=50");
        q.put("dashboard: coverage/gaps", "/api/v1/coverage/gaps");
        q.put("dashboard: coverage", "/api/v1/coverage");
        q.put("dashboard: coverage/tonight", "/api/v1/coverage/tonight");
        // the incident list and its filters
        q.put("incidents?limit=1000", "/api/v1/incidents?limit=1000");
        q.put("incidents?open=true&limit=100", "/api/v1/incidents?open=true&limit=100");
        q.put("incidents?open=false&limit=100", "/api/v1/incidents?open=false&limit=100");
        q.put("incidents?status=dispatched&limit=100", "/api/v1/incidents?status=dispatched&limit=100");
        q.put("incidents?status=new&limit=100 (none)", "/api/v1/incidents?status=new&limit=100");
        q.put("incidents?station=&limit=100", "/api/v1/incidents?station=" + station.id() + "&limit=100");
        q.put("incidents?station=&open=true&limit=100", "/api/v1/incidents?station=" + station.id() + "&open=true&limit=100");
        q.put("incidents?category=environment&limit=100", "/api/v1/incidents?category=environment&limit=100");
        q.put("incidents?grid=<village>&limit=100", "/api/v1/incidents?grid=" + village + "&limit=100");
        q.put("incidents?from=&to= (a month)&limit=100", "/api/v1/incidents?" + month + "&limit=100");
        q.put("incidents?from=&to= (a day a year ago)&limit=100", "/api/v1/incidents?from=2025-12-15&to=2025-12-15&limit=100");
        q.put("incidents?category=&grid=&open=true&limit=100", "/api/v1/incidents?category=environment&grid=" + village
                + "&open=true&limit=100");
        q.put("incidents?limit=100 as a department", "/api/v1/incidents?limit=100");
        q.put("incidents?limit=100 as a grid leader", "/api/v1/incidents?limit=100");
        // one incident
        q.put("incidents/{id} (with steps)", "/api/v1/incidents/bench-0");
        q.put("incidents/{id} (whistled, with steps)", "/api/v1/incidents/" + whistled);
        q.put("/tickets/{ticket} (public tracking page)", "/tickets/bench-0");
        q.put("/stations/{id} (public station page)", "/stations/" + station.id());
        // statistics
        q.put("stats, 1 month, by=grid", "/api/v1/stats?" + month + "&by=grid");
        q.put("stats, 1 month, by=category", "/api/v1/stats?" + month + "&by=category");
        q.put("stats, 1 month, by=department", "/api/v1/stats?" + month + "&by=department");
        q.put("stats, 12 months, by=month", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month");
        q.put("stats.csv, 12 months, by=grid", "/api/v1/stats.csv?from=2025-12-01&to=2026-11-30&by=grid");
        q.put("stats.csv, 1 month, by=category", "/api/v1/stats.csv?" + month + "&by=category");
        q.put("stats, 12 months, one village", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month&grid=" + village);
        q.put("stats, 12 months, one category", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month&category=environment");
        q.put("stats, 12 months, one department", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month&department=police");
        q.put("/stats page, 1 month", "/stats?" + month + "&by=grid");
        // Open311
        q.put("open311 requests.json, 1000 newest of 90 days",
                "/open311/v2/requests.json?start_date=2026-09-01T00:00:00%2B08:00&end_date=2026-11-30T00:00:00%2B08:00");
        q.put("open311 requests.json (default: 90 days up to now)", "/open311/v2/requests.json");
        q.put("open311 requests.json?status=open", "/open311/v2/requests.json?status=open");
        q.put("open311 requests.json?service_code=environment", "/open311/v2/requests.json?service_code=environment");
        q.put("open311 requests/{id}.json", "/open311/v2/requests/bench-0.json");
        return q;
    }

    /** One warm-up, then {@code runs} timed requests; returns the median and the maximum. */
    private double[] measure(GatewayApp app, String path, String token) throws Exception {
        send(app, "GET", path, null, token);
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            send(app, "GET", path, null, token);
            t.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(t);
        return new double[] {median(t), t.get(t.size() - 1)};
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Times one request on both gateways, alternating (so both see the same machine load): one
     * warm-up each, then {@code runs} rounds; returns the two medians.
     */
    private double[] measure(GatewayApp a, GatewayApp b, String path) throws Exception {
        send(a, "GET", path, null);
        send(b, "GET", path, null);
        List<Double> ta = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ta.add(time(a, path));
            tb.add(time(b, path));
        }
        Collections.sort(ta);
        Collections.sort(tb);
        return new double[] {median(ta), median(tb)};
    }

    private double time(GatewayApp app, String path) throws Exception {
        long t = System.nanoTime();
        send(app, "GET", path, null);
        return (System.nanoTime() - t) / 1e6;
    }

    /** The 1-minute load average from /proc/loadavg, or "?" where there is none. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private String token(GatewayApp app, Role role, Optional<String> grid, Optional<String> department) {
        return app.auth().tokens().create("bench-" + role.name().toLowerCase(java.util.Locale.ROOT),
                new Accounts.Draft("bench", "bench", role, grid, department), "bench").token();
    }

    /** One ADMIN API token per gateway under test: the REST API wants a signed-in caller. */
    private final Map<GatewayApp, String> tokens = new IdentityHashMap<>();

    private String token(GatewayApp app) {
        return tokens.computeIfAbsent(app, a -> a.auth().tokens().create("bench",
                new Accounts.Draft("bench", "bench", Role.ADMIN, Optional.empty(), Optional.empty()), "bench").token());
    }

    private void send(GatewayApp app, String method, String path, String body) throws Exception {
        send(app, method, path, body, token(app));
    }

    private void send(GatewayApp app, String method, String path, String body, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
    }

    /** Writes the incidents, deadlines and whistles in one transaction, with a fixed seed. */
    private void fill(List<Station> stations, ZoneId zone) throws Exception {
        Random random = new Random(2026);
        long from = LocalDate.of(2025, 12, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        long span = LocalDate.of(2026, 12, 1).atStartOfDay(zone).toInstant().toEpochMilli() - from;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement inc = c.prepareStatement("""
                    INSERT INTO incidents(id, station_id, grid_id, category, severity, status, anonymous, created_at,
                    reported_at, event_id, level, updated_at, accepted_at, resolved_at, closed_at, outcome, rating)
                    VALUES (?,?,?,?,?,?,0,?,?,?,?,?,?,?,?,?,?)""");
                    PreparedStatement timer = c.prepareStatement(
                            "INSERT INTO incident_timers(incident_id, stage, level, due_at, met_at, fired_at) VALUES (?,?,?,?,?,?)");
                    PreparedStatement whistle = c.prepareStatement("""
                            INSERT INTO whistles(incident_id, department_id, coordinator, whistled_at, whistled_by, due_at,
                            reported_at, score) VALUES (?,?,1,?,'bench',?,?,?)""");
                    PreparedStatement step = c.prepareStatement("""
                            INSERT INTO incident_steps(incident_id, at, actor, action, status, level, detail)
                            VALUES (?,?,?,?,?,?,NULL)""")) {
                for (int n = 0; n < incidents; n++) {
                    String id = "bench-" + n;
                    Station st = stations.get(random.nextInt(stations.size()));
                    long created = from + (long) (random.nextDouble() * span);
                    int level = random.nextInt(10) < 7 ? random.nextInt(2) : 2 + random.nextInt(2);
                    boolean resolved = random.nextInt(10) < 8;
                    long accepted = created + 60_000L * (1 + random.nextInt(240));
                    long done = accepted + 60_000L * (10 + random.nextInt(3000));
                    inc.setString(1, id);
                    inc.setString(2, st.id());
                    inc.setString(3, st.gridId());
                    inc.setString(4, CATEGORIES[random.nextInt(CATEGORIES.length)]);
                    inc.setString(5, random.nextInt(10) == 0 ? "urgent" : "normal");
                    inc.setString(6, resolved ? "closed" : "dispatched");
                    inc.setLong(7, created);
                    inc.setLong(8, created);
                    inc.setString(9, "bench:" + id);
                    inc.setString(10, LEVELS[level]);
                    inc.setLong(11, resolved ? done : accepted);
                    inc.setLong(12, accepted);
                    inc.setObject(13, resolved ? done : null);
                    inc.setObject(14, resolved ? done : null);
                    inc.setObject(15, resolved ? "resolved" : null);
                    inc.setObject(16, resolved && random.nextBoolean()
                            ? (random.nextInt(10) < 8 ? "satisfied" : random.nextBoolean() ? "basically-satisfied" : "dissatisfied")
                            : null);
                    inc.addBatch();
                    step.setString(1, id);
                    step.setLong(2, created);
                    step.setString(3, "kiosk");
                    step.setString(4, "filed");
                    step.setString(5, "new");
                    step.setString(6, "team");
                    step.addBatch();
                    step.setString(1, id);
                    step.setLong(2, resolved ? done : accepted);
                    step.setString(3, "bench");
                    step.setString(4, resolved ? "closed" : "dispatched");
                    step.setString(5, resolved ? "closed" : "dispatched");
                    step.setString(6, LEVELS[level]);
                    step.addBatch();
                    for (String stage : new String[] {"accept", "on-site", "resolve"}) {
                        boolean met = random.nextInt(10) < 8;
                        timer.setString(1, id);
                        timer.setString(2, stage);
                        timer.setString(3, LEVELS[random.nextInt(level + 1)]);
                        timer.setLong(4, created + 3_600_000L);
                        timer.setObject(5, met ? accepted : null);
                        timer.setObject(6, met ? null : created + 3_600_000L);
                        timer.addBatch();
                    }
                    if (random.nextInt(20) == 0) {
                        if (whistled.equals("bench-0")) {
                            whistled = id;
                        }
                        long due = accepted + 4 * 3_600_000L;
                        whistle.setString(1, id);
                        whistle.setString(2, DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]);
                        whistle.setLong(3, accepted);
                        whistle.setLong(4, due);
                        boolean reported = random.nextInt(10) < 9;
                        whistle.setObject(5, reported ? accepted + 60_000L * random.nextInt(300) : null);
                        whistle.setObject(6, reported ? 1 + random.nextInt(5) : null);
                        whistle.addBatch();
                    }
                    if (n % 10_000 == 9_999) {
                        inc.executeBatch();
                        timer.executeBatch();
                        whistle.executeBatch();
                        step.executeBatch();
                    }
                }
                inc.executeBatch();
                timer.executeBatch();
                whistle.executeBatch();
                step.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                // written behind the gateway's back: its statistics rollups are rebuilt at the next start
                s.executeUpdate("DELETE FROM stats_rollups");
            }
            c.commit();
        }
    }
}
