package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gridstation.gateway.auth.Accounts;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route × every role: nobody reads or changes what their role does not allow, every route
 * has a rule, and the scoped roles see only their part of the town (a village's grid leader asking
 * for another village's incident gets 403; department staff see only what was whistled to them).
 */
class AccessMatrixTest {
    @TempDir
    static Path dir;
    static GatewayApp app;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    /** The grid leader of the first village (hexing); the second village is another's. */
    static final String LEADER_GRID = "qingxi-hexing";

    @BeforeAll
    static void start() {
        app = GatewayApp.start(TestSupport.config(dir));
        List<String> stations = DemoTown.seed(app, 2);
        assertEquals("qingxi-hexing", stations.get(0), "the leader's village has the first station");
        for (Role r : Role.values()) {
            Accounts.Draft scope = new Accounts.Draft("t-" + r.wire(), r.wire(), r,
                    r == Role.GRID_LEADER ? Optional.of(LEADER_GRID) : Optional.empty(),
                    r == Role.DEPARTMENT ? Optional.of("sifasuo") : Optional.empty());
            TOKENS.put(r, app.auth().tokens().create(r.wire(), scope, "test").token());
        }
        app.incidentDesk().raise("own-1", "qingxi-hexing", Optional.of("qingxi-hexing"), Category.ENVIRONMENT,
                Severity.NORMAL, "own village");
        String other = stations.get(1);
        app.incidentDesk().raise("other-1", other, Optional.of(other), Category.ENVIRONMENT,
                Severity.NORMAL, "other village");
        app.incidentDesk().raise("whistled-1", other, Optional.of(other), Category.SAFETY_HAZARD,
                Severity.MAJOR, "whistled to sifasuo");
        app.incidentDesk().accept("whistled-1", "test");
        new Whistles(app.incidentDesk()).whistle("whistled-1", List.of("sifasuo"), Optional.empty(), "test", Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRegisteredRouteHasAnAccessRule() throws Exception {
        Set<String> rules = new TreeSet<>(rules().keySet());
        List<String> missing = new ArrayList<>();
        for (String route : routes()) {
            if (!rules.contains(route)) {
                missing.add(route);
            }
        }
        assertEquals(List.of(), missing, "routes without a rule are refused to everyone; add them to AccessPolicy");
    }

    @Test
    void docsApi_listsEveryRouteWithWhoMayCallIt() throws Exception {
        String api = java.nio.file.Files.readString(Path.of("..", "docs", "api.md"));
        List<String> undocumented = new ArrayList<>();
        for (String rule : rules().keySet()) {
            if (!rule.contains("/open311/") && !api.contains("| `" + rule + "` |")) {
                undocumented.add(rule);
            }
        }
        assertEquals(List.of(), undocumented, "docs/api.md's access table misses these routes");
    }

    @Test
    void everyRoleOnEveryRoute_getsExactlyWhatThePolicyAllows() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Set<String>> rule : rules().entrySet()) {
            String method = rule.getKey().substring(0, rule.getKey().indexOf(' '));
            String template = rule.getKey().substring(method.length() + 1);
            if (template.equals("/api/v1/session") && method.equals("POST") || template.equals("/signin")) {
                continue; // signing in itself: SignInTest
            }
            String path = concrete(template);
            Set<String> allowed = rule.getValue();
            int anonymous = status(method, path, null);
            checked++;
            if (allowed.isEmpty()) {
                // an Open311 POST without an api_key is the spec's own 403
                boolean open311Key = method.equals("POST") && template.startsWith("/open311/") && anonymous == 403;
                if (anonymous == 401 || anonymous == 403 && !open311Key) {
                    wrong.add(rule.getKey() + " is public but anonymous got " + anonymous);
                }
                continue;
            }
            boolean page = method.equals("GET") && !template.startsWith("/api/") && !template.equals("/metrics");
            int expectedAnonymous = page ? 303 : 401;
            if (anonymous != expectedAnonymous) {
                wrong.add(rule.getKey() + " anonymous got " + anonymous + ", expected " + expectedAnonymous);
            }
            for (Role role : Role.values()) {
                int s = status(method, path, TOKENS.get(role));
                checked++;
                boolean may = allowed.contains(role.wire());
                if (may && (s == 401 || s == 403)) {
                    wrong.add(rule.getKey() + " as " + role.wire() + " got " + s + " but the role is allowed");
                } else if (!may && s != 403) {
                    wrong.add(rule.getKey() + " as " + role.wire() + " got " + s + ", expected 403");
                }
            }
        }
        assertEquals(List.of(), wrong, "checked " + checked + " route × caller pairs");
        assertTrue(checked > 500, "the matrix covers every route and role: " + checked);
    }

    @Test
    void aVillageGridLeader_seesOnlyTheirVillage() throws Exception {
        String leader = TOKENS.get(Role.GRID_LEADER);
        assertEquals(200, status("GET", "/api/v1/incidents/own-1", leader));
        assertEquals(403, status("GET", "/api/v1/incidents/other-1", leader), "another village's incident");
        assertEquals(403, status("POST", "/api/v1/incidents/other-1/accept", leader), "nor act on it");
        assertEquals(403, status("GET", "/api/v1/incidents?grid=" + otherVillage(), leader));
        Set<String> ids = ids(get("/api/v1/incidents", leader));
        assertTrue(ids.contains("own-1"), ids.toString());
        assertFalse(ids.contains("other-1") || ids.contains("whistled-1"), ids.toString());
        JsonNode stations = get("/api/v1/stations", leader);
        assertEquals(1, stations.size(), stations.toString());
        assertEquals("qingxi-hexing", stations.get(0).path("id").asText());
        assertEquals(403, status("GET", "/api/v1/stations/" + otherVillage(), leader));
        assertEquals(200, status("POST", "/api/v1/incidents/own-1/accept", leader), "acts on their own");

        Set<String> villages = new TreeSet<>();
        get("/api/v1/coverage/tonight", leader).path("villages").forEach(v -> villages.add(v.path("gridId").asText()));
        assertEquals(Set.of(LEADER_GRID), villages, "tonight's board: their village only");
        Set<String> town = new TreeSet<>();
        get("/api/v1/coverage/tonight", TOKENS.get(Role.VIEWER)).path("villages").forEach(v -> town.add(v.path("gridId").asText()));
        assertEquals(2, town.size(), "the whole town for a viewer: " + town);

        Set<String> all = ids(get("/api/v1/incidents", TOKENS.get(Role.VIEWER)));
        assertTrue(all.containsAll(Set.of("own-1", "other-1", "whistled-1")), "a viewer sees the town: " + all);
        assertEquals(403, status("POST", "/api/v1/incidents/own-1/dispatch", TOKENS.get(Role.VIEWER)), "but changes nothing");
    }

    @Test
    void departmentStaff_seeOnlyIncidentsWhistledToThem_andReportOnlyForThemselves() throws Exception {
        String staff = TOKENS.get(Role.DEPARTMENT);
        assertEquals(Set.of("whistled-1"), ids(get("/api/v1/incidents", staff)));
        assertEquals(200, status("GET", "/api/v1/incidents/whistled-1", staff));
        assertEquals(403, status("GET", "/api/v1/incidents/own-1", staff));
        assertEquals(403, status("POST", "/api/v1/incidents/whistled-1/whistles/paichusuo/report", staff),
                "not for another department");
        assertEquals(403, status("POST", "/api/v1/incidents/whistled-1/whistles/sifasuo/score", staff),
                "the village scores the department, not the department itself");
        assertEquals(403, status("POST", "/api/v1/incidents/whistled-1/resolve", staff));
        assertEquals(200, status("POST", "/api/v1/incidents/whistled-1/whistles/sifasuo/report", staff));
        JsonNode w = get("/api/v1/incidents/whistled-1", staff).path("whistles").get(0);
        assertTrue(w.path("reportedBy").asText().startsWith("token:tok-"), "recorded under the caller: " + w);
    }

    // ---- helpers ----

    static String otherVillage() {
        return app.town().stations().get(1).id().equals("qingxi-hexing") ? app.town().stations().get(0).id()
                : app.town().stations().get(1).id();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> rules() throws Exception {
        Class<?> policy = Class.forName("org.gridstation.gateway.web.AccessPolicy");
        var all = policy.getDeclaredMethod("all");
        all.setAccessible(true);
        Map<String, ?> rules = (Map<String, ?>) all.invoke(null);
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ?> e : rules.entrySet()) {
            var roles = e.getValue().getClass().getDeclaredMethod("roles");
            roles.setAccessible(true);
            Set<String> wires = new TreeSet<>();
            for (Object r : (Set<?>) roles.invoke(e.getValue())) {
                wires.add(((Role) r).wire());
            }
            out.put(e.getKey(), wires);
        }
        return out;
    }

    static List<String> routes() throws Exception {
        var web = GatewayApp.class.getDeclaredField("web");
        web.setAccessible(true);
        Object server = web.get(app);
        @SuppressWarnings("unchecked")
        List<String> routes = (List<String>) server.getClass().getMethod("routes").invoke(server);
        assertNotEquals(0, routes.size());
        return routes;
    }

    static String concrete(String template) {
        return template.replace("{date}", "2026-12-01").replace("{file}", "nothing.ics").replace("{kind}", "people")
                .replace("{step}", "accept").replace("{department}", "sifasuo").replaceAll("\\{[a-z]+\\}", "no-such-id");
    }

    static int status(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        // the body is not read: the live feed (server-sent events) never ends
        HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }

    static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.mapper().readTree(r.body());
    }

    static Set<String> ids(JsonNode list) {
        Set<String> ids = new TreeSet<>();
        list.forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }
}
