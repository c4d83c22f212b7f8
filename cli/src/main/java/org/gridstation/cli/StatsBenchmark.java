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
    private final HttpClient http = HttpClient.newHttpClient();

    StatsBenchmark(Path data, int incidents) {
        this.data = data;
        this.incidents = incidents;
    }

    String run() throws Exception {
        GatewayConfig config = GatewayConfig.defaults(data).withHttpPort(0).withMqttPort(0);
        List<Station> stations;
        try (GatewayApp app = GatewayApp.start(config)) {
            DemoTown.seed(app, DemoTown.MAX_STATIONS);
            stations = app.town().stations();
            for (String d : DEPARTMENTS) {
                send(app, "PUT", "/api/v1/departments/" + d, "{\"name\":\"" + d + "\"}");
            }
        }
        long t0 = System.nanoTime();
        fill(stations, config.zone());
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        String village = stations.get(0).gridId();
        Map<String, String> queries = new LinkedHashMap<>();
        String month = "from=2026-11-01&to=2026-11-30";
        queries.put("stats, 1 month, by=grid", "/api/v1/stats?" + month + "&by=grid");
        queries.put("stats, 1 month, by=category", "/api/v1/stats?" + month + "&by=category");
        queries.put("stats, 1 month, by=department", "/api/v1/stats?" + month + "&by=department");
        queries.put("stats, 12 months, by=month", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month");
        queries.put("stats.csv, 12 months, by=grid", "/api/v1/stats.csv?from=2025-12-01&to=2026-11-30&by=grid");
        queries.put("stats, 12 months, one village", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month&grid=" + village);
        queries.put("stats, 12 months, one category", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month&category=environment");
        queries.put("stats, 12 months, one department", "/api/v1/stats?from=2025-12-01&to=2026-11-30&by=month&department=police");
        queries.put("/stats page, 1 month", "/stats?" + month + "&by=grid");
        queries.put("open311 requests.json, 1000 newest of 90 days",
                "/open311/v2/requests.json?start_date=2026-09-01T00:00:00%2B08:00&end_date=2026-11-30T00:00:00%2B08:00");
        Path bare = data.resolveSibling(data.getFileName() + "-without-stats-indexes");
        Files.createDirectories(bare);
        Files.copy(data.resolve("gateway.db"), bare.resolve("gateway.db"), StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bare.resolve("gateway.db"));
                Statement s = c.createStatement()) {
            for (String index : STATS_INDEXES) {
                s.execute("DROP INDEX " + index);
            }
        }
        Map<String, double[]> medians = new LinkedHashMap<>();
        try (GatewayApp with = GatewayApp.start(config);
                GatewayApp without = GatewayApp.start(GatewayConfig.defaults(bare).withHttpPort(0).withMqttPort(0))) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                medians.put(q.getKey(), measure(with, without, q.getValue()));
            }
        }
        StringBuilder out = new StringBuilder(String.format(
                "GridStation stats benchmark: %,d incidents over 12 months, 14 stations (store filled in %.1f s)%n",
                incidents, fillSeconds));
        out.append(String.format("  %-52s %10s %24s%n", "request (median of 7, ms)", "indexed", "without the stats indexes"));
        for (Map.Entry<String, double[]> m : medians.entrySet()) {
            out.append(String.format("  %-52s %10.1f %24.1f%n", m.getKey(), m.getValue()[0], m.getValue()[1]));
        }
        return out.toString();
    }

    /**
     * Times one request on both gateways, alternating (so both see the same machine load): one
     * warm-up each, then 7 rounds; returns the two medians.
     */
    private double[] measure(GatewayApp a, GatewayApp b, String path) throws Exception {
        send(a, "GET", path, null);
        send(b, "GET", path, null);
        List<Double> ta = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ta.add(time(a, path));
            tb.add(time(b, path));
        }
        Collections.sort(ta);
        Collections.sort(tb);
        return new double[] {ta.get(3), tb.get(3)};
    }

    private double time(GatewayApp app, String path) throws Exception {
        long t = System.nanoTime();
        send(app, "GET", path, null);
        return (System.nanoTime() - t) / 1e6;
    }

    /** One ADMIN API token per gateway under test: the REST API wants a signed-in caller. */
    private final Map<GatewayApp, String> tokens = new IdentityHashMap<>();

    private String token(GatewayApp app) {
        return tokens.computeIfAbsent(app, a -> a.auth().tokens().create("bench",
                new Accounts.Draft("bench", "bench", Role.ADMIN, Optional.empty(), Optional.empty()), "bench").token());
    }

    private void send(GatewayApp app, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Authorization", "Bearer " + token(app))
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
                            reported_at, score) VALUES (?,?,1,?,'bench',?,?,?)""")) {
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
                    }
                }
                inc.executeBatch();
                timer.executeBatch();
                whistle.executeBatch();
            }
            c.commit();
        }
    }
}
