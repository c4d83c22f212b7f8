package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open311 GeoReport v2 against a whole gateway: every response checked field by field against the spec. */
class Open311FunctionalTest {
    static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    /** W3C datetime with seconds and an offset, as the spec requires. */
    static final Pattern W3C = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");
    static final Set<String> REQUEST_FIELDS = Set.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
    static final String PHONE = "13912345678";
    @TempDir
    static Path dir;
    static GatewayApp app;
    static MutableClock clock;
    static List<String> stations;
    static String key;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        clock = new MutableClock(LocalDateTime.of(2026, 11, 20, 10, 0).atZone(TOWN).toInstant());
        app = GatewayApp.start(TestSupport.config(dir), clock);
        stations = DemoTown.seed(app, 2);
        send("PUT", "/api/v1/departments/police", "application/json", "{\"name\":\"派出所\"}");
        JsonNode created = json(send("POST", "/api/v1/api-keys", "application/json", "{\"name\":\"12345 热线\"}"), 201);
        key = created.get("key").asText();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static HttpResponse<String> send(String method, String path, String type, String body) {
        try {
            return HTTP.send(TestSupport.request(app, path)
                    .header("Content-Type", type).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static HttpResponse<String> post(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send("POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", body);
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()); // the protocol mapper caps documents at 64 KiB
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode get(String path) {
        return json(TestSupport.get(app, path), 200);
    }

    /** The spec's error: an array of one {code, description}, code = the HTTP status. */
    static void assertError(HttpResponse<String> r, int status, String words) {
        JsonNode e = json(r, status);
        assertTrue(e.isArray(), r.body());
        assertEquals(1, e.size());
        assertEquals(Set.of("code", "description"), fields(e.get(0)));
        assertEquals(status, e.get(0).get("code").asInt());
        assertTrue(e.get(0).get("code").isInt());
        assertTrue(e.get(0).get("description").asText().contains(words), e.get(0).get("description").asText());
    }

    static Set<String> fields(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static Instant w3c(JsonNode n, String field) {
        assertTrue(n.get(field).isTextual(), field);
        String s = n.get(field).asText();
        assertTrue(W3C.matcher(s).matches(), field + " " + s);
        assertTrue(s.endsWith("+08:00"), "in the town's offset: " + s);
        return OffsetDateTime.parse(s).toInstant();
    }

    static String created(Map<String, String> form) {
        JsonNode r = json(post(form), 200);
        assertTrue(r.isArray());
        assertEquals(1, r.size());
        assertEquals(Set.of("service_request_id", "service_notice"), fields(r.get(0)));
        assertTrue(r.get(0).get("service_request_id").isTextual());
        assertTrue(r.get(0).get("service_notice").isTextual());
        return r.get(0).get("service_request_id").asText();
    }

    /** Every field of a service request, typed and required as the spec says. */
    static void assertRequest(JsonNode r) {
        assertTrue(REQUEST_FIELDS.containsAll(fields(r)), "only spec fields: " + fields(r));
        for (String required : List.of("service_request_id", "status", "service_code", "service_name",
                "agency_responsible", "requested_datetime", "updated_datetime", "address", "address_id")) {
            assertTrue(r.has(required) && r.get(required).isTextual() && !r.get(required).asText().isBlank(), required);
        }
        assertTrue(Set.of("open", "closed").contains(r.get("status").asText()));
        w3c(r, "requested_datetime");
        w3c(r, "updated_datetime");
        if (r.has("expected_datetime")) {
            w3c(r, "expected_datetime");
        }
        if (r.has("status_notes")) {
            assertTrue(r.get("status_notes").isTextual());
        }
        assertFalse(r.toString().contains(PHONE), "never the villager's phone");
    }

    // ---- services -----------------------------------------------------------------------------

    @Test
    void services_oneRealtimeServicePerCategory_zhByDefault() {
        JsonNode s = get("/open311/v2/services.json");
        assertEquals(Category.values().length, s.size());
        for (int i = 0; i < s.size(); i++) {
            JsonNode x = s.get(i);
            Category c = Category.values()[i];
            assertEquals(Set.of("service_code", "service_name", "description", "metadata", "type", "keywords", "group"),
                    fields(x));
            assertEquals(c.wire(), x.get("service_code").asText());
            assertEquals(c.zh(), x.get("service_name").asText());
            assertTrue(x.get("metadata").isBoolean());
            assertFalse(x.get("metadata").asBoolean());
            assertEquals("realtime", x.get("type").asText());
            for (String f : List.of("description", "keywords", "group")) {
                assertTrue(x.get(f).isTextual() && !x.get(f).asText().isBlank(), f);
            }
        }
        JsonNode en = get("/open311/v2/services.json?lang=en");
        assertEquals(Category.ENVIRONMENT.en(), en.get(Category.ENVIRONMENT.ordinal()).get("service_name").asText());
    }

    @Test
    void discovery_listsOneJsonEndpoint() {
        JsonNode d = get("/open311/v2/discovery.json");
        JsonNode e = d.get("endpoints").get(0);
        assertEquals("http://wiki.open311.org/GeoReport_v2", e.get("specification").asText());
        assertTrue(e.get("url").asText().endsWith("/open311/v2/"));
        assertEquals("[\"application/json\"]", e.get("formats").toString());
        assertError(TestSupport.get(app, "/open311/v2/services/environment.json"), 400, "metadata");
    }

    @Test
    void xml_isRefusedSayingOnlyJson() {
        assertError(TestSupport.get(app, "/open311/v2/services.xml"), 400, "JSON");
        assertError(TestSupport.get(app, "/open311/v2/requests.xml"), 400, "JSON");
        assertError(TestSupport.get(app, "/open311/v2/requests/abc.xml"), 400, "JSON");
    }

    // ---- POST ---------------------------------------------------------------------------------

    @Test
    void post_needsAValidUnrevokedKey() {
        Map<String, String> ok = form("service_code", "environment", "address_id", stations.get(0), "description", "河道有垃圾");
        assertError(post(ok), 403, "api_key");
        Map<String, String> wrong = new LinkedHashMap<>(ok);
        wrong.put("api_key", "gs311_" + "0".repeat(48));
        assertError(post(wrong), 403, "api_key");
        JsonNode k = json(send("POST", "/api/v1/api-keys", "application/json", "{\"name\":\"旧系统\"}"), 201);
        Map<String, String> withKey = new LinkedHashMap<>(ok);
        withKey.put("api_key", k.get("key").asText());
        created(withKey);
        JsonNode revoked = json(send("DELETE", "/api/v1/api-keys/" + k.get("id").asText(), "application/json", null), 200);
        assertTrue(revoked.has("revokedAt"));
        assertError(post(withKey), 403, "api_key");
        JsonNode list = json(TestSupport.get(app, "/api/v1/api-keys"), 200);
        assertFalse(list.toString().contains(k.get("key").asText()), "the key is shown once only");
        assertFalse(list.toString().contains("hash"));
        assertEquals(404, send("DELETE", "/api/v1/api-keys/key-nope", "application/json", null).statusCode());
    }

    @Test
    void post_badInput_isTheSpecsErrorAndFilesNothing() {
        long before = TestSupport.count(dir, "SELECT COUNT(*) FROM incidents");
        assertError(post(form("api_key", key, "address_id", stations.get(0))), 400, "service_code");
        assertError(post(form("api_key", key, "service_code", "potholes", "address_id", stations.get(0))), 404,
                "service_code");
        assertError(post(form("api_key", key, "service_code", "environment")), 400, "address_id");
        assertError(post(form("api_key", key, "service_code", "environment", "lat", "30.1", "long", "120.2")), 400,
                "coordinates");
        assertError(post(form("api_key", key, "service_code", "environment", "address_id", "nowhere")), 400,
                "address_id");
        assertError(post(form("api_key", key, "service_code", "environment", "address_id", stations.get(0),
                "phone", "12ab")), 400, "phone");
        assertError(post(form("api_key", key, "service_code", "environment", "address_id", stations.get(0),
                "description", "长".repeat(501))), 400, "description");
        assertEquals(before, TestSupport.count(dir, "SELECT COUNT(*) FROM incidents"));
    }

    @Test
    void post_thenGet_everyFieldAsTheSpecSays() {
        Instant now = clock.instant();
        String id = created(form("api_key", key, "service_code", "environment", "address_id", stations.get(0),
                "description", "河道有垃圾", "phone", "+86 " + PHONE.substring(0, 3) + "-" + PHONE.substring(3)));
        assertEquals(1, TestSupport.count(dir, "SELECT COUNT(*) FROM incidents WHERE id=? AND phone='86" + PHONE + "'", id),
                "the phone is kept for the call back");
        JsonNode arr = get("/open311/v2/requests/" + id + ".json");
        assertTrue(arr.isArray());
        assertEquals(1, arr.size());
        JsonNode r = arr.get(0);
        assertRequest(r);
        assertEquals(id, r.get("service_request_id").asText());
        assertEquals("open", r.get("status").asText());
        assertEquals("待受理", r.get("status_notes").asText());
        assertEquals("environment", r.get("service_code").asText());
        assertEquals("环境卫生", r.get("service_name").asText());
        assertEquals("河道有垃圾", r.get("description").asText());
        String station = stations.get(0);
        assertEquals(app.town().station(station).orElseThrow().name(), r.get("address").asText());
        assertEquals(station, r.get("address_id").asText());
        assertEquals(now, w3c(r, "requested_datetime"));
        assertEquals(now, w3c(r, "updated_datetime"));
        assertEquals(now.plus(Duration.ofDays(7)), w3c(r, "expected_datetime"), "normal: 7 days to resolve");
        String teams = app.town().grids().stream().filter(g -> g.id().startsWith(station + "-") && g.level() == 3)
                .map(g -> g.name()).collect(Collectors.joining("、"));
        assertEquals(teams, r.get("agency_responsible").asText(), "the service teams answer first");

        // climbed, whistled, resolved: the departments answer, then the public answer and closed
        clock.set(now.plus(Duration.ofMinutes(30)));
        app.incidentDesk().accept(id, "leader");
        for (int k = 0; k < 3; k++) {
            app.incidentDesk().climb(id, "leader", "需要部门");
        }
        new Whistles(app.incidentDesk()).whistle(id, List.of("police"), Optional.empty(), "centre", Optional.empty());
        JsonNode w = get("/open311/v2/requests/" + id + ".json").get(0);
        assertEquals("派出所", w.get("agency_responsible").asText());
        assertEquals("open", w.get("status").asText());
        clock.set(now.plus(Duration.ofHours(2)));
        app.incidentDesk().resolve(id, "leader", "已清理河道垃圾");
        JsonNode done = get("/open311/v2/requests/" + id + ".json?lang=en").get(0);
        assertRequest(done);
        assertEquals("closed", done.get("status").asText());
        assertEquals("已清理河道垃圾", done.get("status_notes").asText());
        assertEquals("Environment", done.get("service_name").asText());
        assertEquals(now.plus(Duration.ofHours(2)), w3c(done, "updated_datetime"));
    }

    @Test
    void anonymousVillager_hasNoDescription() {
        Incident i = app.intake().file(stations.get(1), Category.DISPUTE_MEDIATION, Severity.URGENT,
                Optional.of(PHONE), Optional.of("邻居纠纷，请勿公开"), true, "test");
        JsonNode r = get("/open311/v2/requests/" + i.id() + ".json").get(0);
        assertRequest(r);
        assertFalse(r.has("description"));
        assertEquals(i.createdAt().plus(Duration.ofHours(4)), w3c(r, "expected_datetime"), "urgent: 4 hours");
    }

    @Test
    void get_unknownRequest_is404() {
        assertError(TestSupport.get(app, "/open311/v2/requests/no-such.json"), 404, "no-such");
    }

    // ---- GET requests.json filters ------------------------------------------------------------

    @Test
    void search_filters() {
        // a window of its own, in 2026-06, so other tests' requests do not interfere
        Instant base = LocalDateTime.of(2026, 6, 10, 9, 0).atZone(TOWN).toInstant();
        Instant saved = clock.instant();
        List<String> ids = new ArrayList<>();
        Category[] cats = {Category.ENVIRONMENT, Category.POLICY, Category.ENVIRONMENT, Category.ERRAND};
        for (int k = 0; k < cats.length; k++) {
            clock.set(base.plus(Duration.ofDays(k)));
            ids.add(app.intake().file(stations.get(0), cats[k], Severity.NORMAL, Optional.empty(), Optional.empty(),
                    false, "test").id());
        }
        clock.set(base.plus(Duration.ofDays(5)));
        app.incidentDesk().accept(ids.get(2), "leader");
        app.incidentDesk().resolve(ids.get(2), "leader", "已处理");
        clock.set(saved);
        String window = "start_date=2026-06-01T00:00:00%2B08:00&end_date=2026-06-30T00:00:00Z";

        JsonNode all = get("/open311/v2/requests.json?" + window);
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0)), idsOf(all), "newest first");
        all.forEach(Open311FunctionalTest::assertRequest);
        assertEquals(List.of(ids.get(2), ids.get(0)), idsOf(get("/open311/v2/requests.json?" + window
                + "&service_code=environment")));
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(0)), idsOf(get("/open311/v2/requests.json?" + window
                + "&service_code=environment,errand")));
        assertEquals(List.of(ids.get(2)), idsOf(get("/open311/v2/requests.json?" + window + "&status=closed")));
        assertEquals(List.of(ids.get(3), ids.get(1), ids.get(0)), idsOf(get("/open311/v2/requests.json?" + window
                + "&status=open")));
        assertEquals(4, get("/open311/v2/requests.json?" + window + "&status=open,closed").size());
        assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(get("/open311/v2/requests.json?start_date=2026-06-11T00:00:00%2B08:00"
                + "&end_date=2026-06-12T23:00:00%2B08:00")));
        // ids: every other filter is ignored
        assertEquals(List.of(ids.get(3), ids.get(0)), idsOf(get("/open311/v2/requests.json?service_request_id="
                + ids.get(0) + "," + ids.get(3) + "&status=closed&service_code=policy")));
        // default window: the last 90 days, so June is not in it on 20 November
        List<String> recent = idsOf(get("/open311/v2/requests.json"));
        assertTrue(recent.stream().noneMatch(ids::contains), "June is older than 90 days");

        assertError(TestSupport.get(app, "/open311/v2/requests.json?status=pending"), 400, "status");
        assertError(TestSupport.get(app, "/open311/v2/requests.json?start_date=yesterday"), 400, "start_date");
        assertError(TestSupport.get(app, "/open311/v2/requests.json?start_date=2026-06-11T00:00:00"), 400, "offset");
        assertError(TestSupport.get(app, "/open311/v2/requests.json?service_code=potholes"), 404, "potholes");
    }

    @Test
    void search_answersAtMost1000() {
        Instant base = LocalDateTime.of(2025, 3, 1, 9, 0).atZone(TOWN).toInstant();
        Instant saved = clock.instant();
        for (int k = 0; k < 1003; k++) {
            clock.set(base.plusSeconds(60L * k));
            app.intake().file(stations.get(1), Category.OTHER, Severity.NORMAL, Optional.empty(), Optional.empty(), false,
                    "test");
        }
        clock.set(saved);
        JsonNode r = get("/open311/v2/requests.json?start_date=2025-03-01&end_date=2025-03-31T00:00:00%2B08:00");
        assertEquals(1000, r.size());
        assertEquals(base.plusSeconds(60L * 1002), w3c(r.get(0), "requested_datetime"), "the newest first");
    }

    static List<String> idsOf(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext();) {
            out.add(it.next().get("service_request_id").asText());
        }
        return out;
    }
}
