package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.gridstation.gateway.incident.Escalations;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.Outcome;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.ticket.LadderLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month (and a bit either side) of incidents with known fates, driven through the incident
 * desk and the whistles on a hand-set clock; the expected statistics are computed here from the
 * generated list, by the definitions in docs/api.md, and compared with what the API answers.
 */
class StatsFunctionalTest {
    static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    static final String[] DEPARTMENTS = {"police", "judicial", "env"};
    @TempDir
    static Path dir;
    static GatewayApp app;
    static MutableClock clock;
    static IncidentDesk desk;
    static Whistles whistles;
    static Escalations escalations;
    static final List<Gen> GENERATED = new ArrayList<>();
    static Instant end;

    /** A deadline's fate at one rung. */
    record Timer(LadderLevel level, boolean met) {
    }

    /** A whistle's expected state. */
    record Whistle(String department, Instant due, Optional<Instant> reported, Optional<Integer> score) {
    }

    /** What the test did to one incident, and so what the store must say about it. */
    static final class Gen {
        String id;
        String gridId;
        Category category;
        Instant created;
        boolean duplicate;
        LadderLevel level = LadderLevel.TEAM;
        boolean resolved;
        Instant acceptedAt;
        Instant resolvedAt;
        Rating rating;
        final List<Timer> timers = new ArrayList<>();
        final List<Whistle> whistles = new ArrayList<>();
    }

    @BeforeAll
    static void generate() {
        Instant start = LocalDateTime.of(2026, 10, 30, 0, 0).atZone(TOWN).toInstant();
        clock = new MutableClock(start);
        app = GatewayApp.start(TestSupport.config(dir), clock);
        List<String> stations = new ArrayList<>(DemoTown.seed(app, 4));
        String areaGrid = stations.get(0) + "-a1";
        app.town().addStation("qingxi-point-a1", "第一片区服务点", areaGrid, List.of());
        stations.add("qingxi-point-a1");
        noDutyRoster();
        put("/api/v1/departments/police", "{\"name\":\"派出所\"}");
        put("/api/v1/departments/judicial", "{\"name\":\"司法所\"}");
        put("/api/v1/departments/env", "{\"name\":\"生态环境分局\"}");
        desk = app.incidentDesk();
        whistles = new Whistles(desk);
        escalations = new Escalations(desk);

        Random random = new Random(311);
        int slots = 33 * 4;
        for (int s = 0; s < slots; s++) {
            Instant slot = start.plus(Duration.ofHours(6L * s));
            Instant created = slot.plusSeconds(random.nextInt(1200));
            String station = stations.get(random.nextInt(stations.size()));
            Category category = Category.values()[random.nextInt(Category.values().length)];
            Gen g = new Gen();
            g.category = category;
            g.created = created;
            g.gridId = app.town().station(station).orElseThrow().gridId();
            if (s >= slots - 3) {
                leftOpen(g, station);
            } else {
                int fate = random.nextInt(20);
                Gen previous = GENERATED.stream().filter(x -> !x.duplicate).reduce((a, b) -> b).orElse(null);
                if (fate < 7) {
                    straight(g, station, random);
                } else if (fate < 9) {
                    missedAccept(g, station, random, random.nextBoolean() ? Severity.NORMAL : Severity.MAJOR);
                } else if (fate < 11) {
                    missedAcceptTwice(g, station, random.nextBoolean() ? Severity.URGENT : Severity.MAJOR);
                } else if (fate < 12) {
                    missedResolve(g, station);
                } else if (fate < 15) {
                    whistled(g, station, random);
                } else if (fate < 17) {
                    closedUnresolved(g, station, random);
                } else if (previous != null) {
                    duplicate(g, station, previous, random);
                } else {
                    straight(g, station, random);
                }
            }
            GENERATED.add(g);
        }
        end = clock.instant();
    }

    /**
     * No shifts: the roster rules would raise a no-show incident for a night shift nobody badged
     * into whenever their thread sees the hand-set clock past one, which these figures do not expect.
     */
    static void noDutyRoster() {
        try (java.sql.Connection c = org.gridstation.gateway.testing.TestStores.connect(dir);
                java.sql.Statement s = c.createStatement()) {
            for (String table : List.of("shift_volunteers", "shifts", "roster_rotations", "roster_generated",
                    "roster_templates")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- the fates ---------------------------------------------------------------------------

    /** Moves the clock and fires what is due, as the gateway's own timer thread would. */
    static void at(Instant t) {
        clock.set(t);
        escalations.runDue();
        // the month cells clean before every step: a step that changes an incident without
        // marking its cell dirty leaves a clean cell that no longer matches the raw rows
        org.gridstation.gateway.stats.MonthCells.refreshDirty(desk.db(), TOWN, 10_000);
    }

    static Gen open(Gen g, String station, Severity severity) {
        at(g.created);
        Incident i = app.intake().file(station, g.category, severity, Optional.of("13800000000"),
                Optional.of("测试"), false, "test");
        g.id = i.id();
        assertEquals(g.created, i.createdAt());
        return g;
    }

    static void accept(Gen g, Instant t) {
        at(t);
        desk.accept(g.id, "leader");
        if (g.acceptedAt == null) {
            g.acceptedAt = t;
        }
    }

    static void resolve(Gen g, Instant t) {
        at(t);
        desk.resolve(g.id, "leader", "已处理完毕");
        g.resolved = true;
        g.resolvedAt = t;
    }

    static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    /** Accepted, on site and resolved in time, climbed by hand 0–2 rungs; rated or not, one 不满意 reopens once. */
    static void straight(Gen g, String station, Random random) {
        Severity sev = Severity.values()[random.nextInt(3)];
        open(g, station, sev);
        Instant a = g.created.plus(min(1 + random.nextInt(4)));
        accept(g, a);
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        at(a.plus(min(1)));
        desk.dispatch(g.id, "leader", Optional.empty());
        int climbs = random.nextInt(3);
        for (int k = 0; k < climbs; k++) {
            desk.climb(g.id, "leader", "需要上级协调");
            g.level = g.level.up();
        }
        at(a.plus(min(5)));
        desk.onSite(g.id, "member", Optional.empty());
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        Instant r = a.plus(min(10 + random.nextInt(110))).plusSeconds(random.nextInt(60));
        resolve(g, r);
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        int rating = random.nextInt(5);
        if (rating == 0) {
            return;
        }
        if (rating == 4) {
            at(r.plus(min(10)));
            desk.rate(g.id, Rating.DISSATISFIED, "villager");
            resolve(g, r.plus(min(20 + random.nextInt(30))));
            g.timers.add(new Timer(g.level, true));
            at(g.resolvedAt.plus(min(5)));
            desk.rate(g.id, Rating.SATISFIED, "villager");
            g.rating = Rating.SATISFIED;
            return;
        }
        at(r.plus(min(10)));
        g.rating = rating == 1 ? Rating.SATISFIED : rating == 2 ? Rating.BASICALLY_SATISFIED : Rating.DISSATISFIED;
        if (g.rating == Rating.DISSATISFIED) {
            g.rating = Rating.BASICALLY_SATISFIED; // kept simple: 不满意 is the reopen path above
        }
        desk.rate(g.id, g.rating, "villager");
    }

    /** Nobody accepts in time: the deadline climbs it to the area, where it is accepted. */
    static void missedAccept(Gen g, String station, Random random, Severity sev) {
        Duration limit = sev == Severity.NORMAL ? Duration.ofHours(4) : min(30);
        open(g, station, sev);
        at(g.created.plus(limit).plus(min(1)));
        g.timers.add(new Timer(LadderLevel.TEAM, false));
        g.level = LadderLevel.AREA;
        accept(g, g.created.plus(limit).plus(min(2)));
        g.timers.add(new Timer(LadderLevel.AREA, true));
        at(g.created.plus(limit).plus(min(10)));
        desk.onSite(g.id, "member", Optional.empty());
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        resolve(g, g.created.plus(limit).plus(min(30 + random.nextInt(20))));
        g.timers.add(new Timer(LadderLevel.TEAM, true));
    }

    /** Missed at the team and again at the area: the village accepts it. */
    static void missedAcceptTwice(Gen g, String station, Severity sev) {
        Duration limit = sev == Severity.URGENT ? min(5) : min(30);
        open(g, station, sev);
        Instant first = g.created.plus(limit).plus(min(1));
        at(first);
        at(first.plus(limit).plus(min(1)));
        g.timers.add(new Timer(LadderLevel.TEAM, false));
        g.timers.add(new Timer(LadderLevel.AREA, false));
        g.level = LadderLevel.VILLAGE;
        accept(g, first.plus(limit).plus(min(2)));
        g.timers.add(new Timer(LadderLevel.VILLAGE, true));
        at(g.acceptedAt.plus(min(3)));
        desk.onSite(g.id, "member", Optional.empty());
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        resolve(g, g.acceptedAt.plus(min(40)));
        g.timers.add(new Timer(LadderLevel.TEAM, true));
    }

    /** Urgent, accepted and on site in time, not resolved within 4 h: the area resolves it. */
    static void missedResolve(Gen g, String station) {
        open(g, station, Severity.URGENT);
        accept(g, g.created.plus(min(2)));
        at(g.created.plus(min(10)));
        desk.onSite(g.id, "member", Optional.empty());
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        at(g.created.plus(Duration.ofHours(4)).plus(min(1)));
        g.timers.add(new Timer(LadderLevel.TEAM, false));
        g.level = LadderLevel.AREA;
        resolve(g, g.created.plus(Duration.ofHours(4)).plus(min(20)));
        g.timers.add(new Timer(LadderLevel.AREA, true));
    }

    /** Climbed to the town by hand, whistled to one or two departments who report on time, late or never. */
    static void whistled(Gen g, String station, Random random) {
        open(g, station, Severity.MAJOR);
        accept(g, g.created.plus(min(10)));
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        at(g.created.plus(min(15)));
        for (int k = 0; k < 3; k++) {
            desk.climb(g.id, "village-chief", "需要职能部门");
        }
        g.level = LadderLevel.TOWN;
        List<String> depts = new ArrayList<>(Arrays.asList(DEPARTMENTS));
        java.util.Collections.shuffle(depts, random);
        depts = depts.subList(0, 1 + random.nextInt(2));
        Instant whistledAt = g.created.plus(min(20));
        at(whistledAt);
        whistles.whistle(g.id, depts, Optional.of(depts.get(0)), "command-centre", Optional.empty());
        at(g.created.plus(min(30)));
        desk.onSite(g.id, "member", Optional.empty());
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        Instant due = whistledAt.plus(Duration.ofHours(4));
        List<Optional<Instant>> reports = new ArrayList<>();
        for (String d : depts) {
            int how = random.nextInt(3);
            reports.add(how == 0 ? Optional.of(g.created.plus(min(60 + random.nextInt(120))))
                    : how == 1 ? Optional.of(due.plus(min(20))) : Optional.empty());
        }
        // report in time order
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < depts.size(); k++) {
                Optional<Instant> rep = reports.get(k);
                if (rep.isPresent() && (pass == 0) == rep.get().isBefore(due)) {
                    at(rep.get());
                    whistles.report(g.id, depts.get(k), depts.get(k) + "-staff");
                }
            }
        }
        resolve(g, g.created.plus(Duration.ofHours(5)));
        g.timers.add(new Timer(LadderLevel.TEAM, true));
        at(g.created.plus(Duration.ofHours(5)).plus(min(10)));
        for (int k = 0; k < depts.size(); k++) {
            Optional<Integer> score = Optional.empty();
            if (reports.get(k).isPresent() && random.nextInt(4) > 0) {
                score = Optional.of(1 + random.nextInt(5));
                whistles.score(g.id, depts.get(k), score.get(), "village-chief");
            }
            g.whistles.add(new Whistle(depts.get(k), due, reports.get(k), score));
        }
        if (random.nextBoolean()) {
            at(g.created.plus(Duration.ofHours(5)).plus(min(15)));
            g.rating = random.nextBoolean() ? Rating.SATISFIED : Rating.BASICALLY_SATISFIED;
            desk.rate(g.id, g.rating, "villager");
        }
    }

    /** Closed without being resolved: referred or not ours, accepted first or not. */
    static void closedUnresolved(Gen g, String station, Random random) {
        open(g, station, Severity.NORMAL);
        if (random.nextBoolean()) {
            accept(g, g.created.plus(min(10)));
            g.timers.add(new Timer(LadderLevel.TEAM, true));
        }
        at(g.created.plus(min(60)));
        desk.close(g.id, "leader", random.nextBoolean() ? Outcome.REFERRED : Outcome.NOT_OURS,
                Optional.of("已转相关单位办理"));
    }

    /** The same matter filed again: merged into the previous incident; its reporter may rate. */
    static void duplicate(Gen g, String station, Gen previous, Random random) {
        open(g, station, Severity.NORMAL);
        g.duplicate = true;
        at(g.created.plus(min(5)));
        desk.merge(g.id, previous.id, "leader");
        if (previous.resolved && random.nextBoolean()) {
            at(g.created.plus(min(10)));
            g.rating = Rating.BASICALLY_SATISFIED;
            desk.rate(g.id, g.rating, "villager");
        }
    }

    /** At the very end: accepted, still being worked on. */
    static void leftOpen(Gen g, String station) {
        open(g, station, Severity.NORMAL);
        accept(g, g.created.plus(min(30)));
        g.timers.add(new Timer(LadderLevel.TEAM, true));
    }

    // ---- the expected figures, computed from the generated list ------------------------------

    static void assertFigures(String where, JsonNode f, List<Gen> gens, Optional<String> onlyDepartment) {
        List<Gen> real = gens.stream().filter(g -> !g.duplicate).toList();
        int incidents = real.size();
        assertEquals(incidents, f.get("incidents").asInt(), where + " incidents");
        assertEquals(gens.size() - incidents, f.get("duplicates").asInt(), where + " duplicates");
        long resolved = real.stream().filter(g -> g.resolved).count();
        long team = real.stream().filter(g -> g.resolved && (g.level == LadderLevel.TEAM || g.level == LadderLevel.AREA)).count();
        long village = real.stream().filter(g -> g.resolved && g.level == LadderLevel.VILLAGE).count();
        long townResolved = real.stream().filter(g -> g.resolved && g.level == LadderLevel.TOWN).count();
        long town = real.stream().filter(g -> g.level == LadderLevel.TOWN).count();
        assertEquals(resolved, f.get("resolved").asLong(), where + " resolved");
        assertEquals(team, f.get("resolvedInTeam").asLong(), where + " resolvedInTeam");
        assertEquals(village, f.get("resolvedInVillage").asLong(), where + " resolvedInVillage");
        assertEquals(townResolved, f.get("resolvedAtTown").asLong(), where + " resolvedAtTown");
        assertEquals(town, f.get("escalatedToTown").asLong(), where + " escalatedToTown");
        rate(where + " team share", f, "resolvedInTeamShare", team, incidents);
        rate(where + " village share", f, "resolvedInVillageShare", village, incidents);
        rate(where + " town share", f, "escalatedToTownShare", town, incidents);
        List<Long> accept = real.stream().filter(g -> g.acceptedAt != null)
                .map(g -> Duration.between(g.created, g.acceptedAt).toMillis()).toList();
        assertEquals(accept.size(), f.get("accepted").asInt(), where + " accepted");
        median(where + " median accept", f, "medianAcceptSeconds", accept);
        median(where + " median resolve", f, "medianResolveSeconds", real.stream().filter(g -> g.resolved)
                .map(g -> Duration.between(g.created, g.resolvedAt).toMillis()).toList());
        for (LadderLevel l : LadderLevel.values()) {
            long met = real.stream().flatMap(g -> g.timers.stream()).filter(t -> t.level() == l && t.met()).count();
            long missed = real.stream().flatMap(g -> g.timers.stream()).filter(t -> t.level() == l && !t.met()).count();
            JsonNode lv = f.get("levels").get(l.ordinal());
            assertEquals(l.wire(), lv.get("level").asText());
            assertEquals(met, lv.get("met").asLong(), where + " " + l + " met");
            assertEquals(missed, lv.get("missed").asLong(), where + " " + l + " missed");
            rate(where + " " + l + " compliance", lv, "rate", met, met + missed);
        }
        Map<String, List<Whistle>> byDept = new TreeMap<>();
        real.stream().flatMap(g -> g.whistles.stream())
                .filter(w -> onlyDepartment.map(d -> d.equals(w.department())).orElse(true))
                .forEach(w -> byDept.computeIfAbsent(w.department(), k -> new ArrayList<>()).add(w));
        assertEquals(byDept.size(), f.get("departments").size(), where + " departments");
        int k = 0;
        for (Map.Entry<String, List<Whistle>> e : byDept.entrySet()) {
            JsonNode d = f.get("departments").get(k++);
            List<Whistle> ws = e.getValue();
            String w = where + " department " + e.getKey();
            assertEquals(e.getKey(), d.get("departmentId").asText(), w);
            long onTime = ws.stream().filter(x -> x.reported().isPresent() && !x.reported().get().isAfter(x.due())).count();
            long late = ws.stream().filter(x -> x.reported().isPresent() && x.reported().get().isAfter(x.due())).count();
            long overdue = ws.stream().filter(x -> x.reported().isEmpty() && !x.due().isAfter(end)).count();
            long pending = ws.stream().filter(x -> x.reported().isEmpty() && x.due().isAfter(end)).count();
            assertEquals(ws.size(), d.get("whistles").asInt(), w + " whistles");
            assertEquals(onTime, d.get("reportedOnTime").asLong(), w + " on time");
            assertEquals(late, d.get("reportedLate").asLong(), w + " late");
            assertEquals(overdue, d.get("overdue").asLong(), w + " overdue");
            assertEquals(pending, d.get("pending").asLong(), w + " pending");
            rate(w + " compliance", d, "compliance", onTime, onTime + late + overdue);
            long scored = ws.stream().filter(x -> x.score().isPresent()).count();
            long sum = ws.stream().mapToInt(x -> x.score().orElse(0)).sum();
            assertEquals(scored, d.get("scored").asLong(), w + " scored");
            assertEquals(sum, d.get("scoreSum").asLong(), w + " score sum");
            rate(w + " score average", d, "scoreAverage", sum, scored);
        }
        long rated = gens.stream().filter(g -> g.rating != null).count();
        long sat = gens.stream().filter(g -> g.rating == Rating.SATISFIED).count();
        long basic = gens.stream().filter(g -> g.rating == Rating.BASICALLY_SATISFIED).count();
        assertEquals(rated, f.get("rated").asLong(), where + " rated");
        assertEquals(sat, f.get("satisfied").asLong(), where + " satisfied");
        assertEquals(basic, f.get("basicallySatisfied").asLong(), where + " basically satisfied");
        rate(where + " satisfaction", f, "satisfaction", sat + basic, rated);
    }

    static void rate(String what, JsonNode node, String field, long part, long whole) {
        if (whole == 0) {
            assertFalse(node.has(field), what + ": absent when nothing to divide by");
        } else {
            assertTrue(node.has(field), what + ": present");
            assertEquals((double) part / whole, node.get(field).asDouble(), 1e-9, what);
        }
    }

    static void median(String what, JsonNode node, String field, List<Long> millis) {
        if (millis.isEmpty()) {
            assertFalse(node.has(field), what);
            return;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        // to a bucket of 1 %: within half a per cent, whichever store or cell it came from
        assertEquals(m / 1000.0, node.get(field).asDouble(), m / 1000.0 * 0.005 + 1e-3, what);
    }

    static List<Gen> within(String from, String to) {
        Instant a = java.time.LocalDate.parse(from).atStartOfDay(TOWN).toInstant();
        Instant b = java.time.LocalDate.parse(to).plusDays(1).atStartOfDay(TOWN).toInstant();
        return GENERATED.stream().filter(g -> !g.created.isBefore(a) && g.created.isBefore(b)).toList();
    }

    /** Checks a whole report: the total and every group against groups built here by {@code key}. */
    static void assertReport(String path, List<Gen> gens, Function<Gen, Set<String>> keys, Optional<String> department) {
        JsonNode r = json(app, path);
        assertFigures(path + " total", r.get("total"), gens, department);
        Map<String, List<Gen>> groups = new TreeMap<>();
        for (Gen g : gens) {
            for (String k : keys.apply(g)) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(g);
            }
        }
        Set<String> got = new LinkedHashSet<>();
        r.get("groups").forEach(x -> got.add(x.get("key").asText()));
        assertEquals(groups.keySet(), new java.util.TreeSet<>(got), path + " group keys");
        for (JsonNode grp : r.get("groups")) {
            String key = grp.get("key").asText();
            assertFalse(grp.get("label").asText().isBlank(), path + " label of " + key);
            assertFigures(path + " group " + key, grp.get("figures"), groups.get(key),
                    department.or(() -> path.contains("by=department") ? Optional.of(key) : Optional.empty()));
        }
    }

    static String village(Gen g) {
        return g.gridId.endsWith("-a1") ? g.gridId.substring(0, g.gridId.length() - 3) : g.gridId;
    }

    // ---- the tests ----------------------------------------------------------------------------

    @Test
    void generatedMonth_coversEveryFate() {
        List<Gen> nov = within("2026-11-01", "2026-11-30");
        assertTrue(nov.size() > 100, "a month of incidents");
        for (LadderLevel l : LadderLevel.values()) {
            assertTrue(nov.stream().anyMatch(g -> g.level == l && g.resolved), "resolved at " + l);
        }
        assertTrue(nov.stream().anyMatch(g -> g.duplicate));
        assertTrue(nov.stream().flatMap(g -> g.timers.stream()).anyMatch(t -> !t.met() && t.level() == LadderLevel.AREA));
        assertTrue(nov.stream().flatMap(g -> g.whistles.stream()).anyMatch(w -> w.reported().isEmpty()));
        assertTrue(nov.stream().flatMap(g -> g.whistles.stream()).anyMatch(w -> w.reported().isPresent()
                && w.reported().get().isAfter(w.due())));
    }

    @Test
    void byGrid_matchesTheGeneratedMonth() {
        assertReport("/api/v1/stats?from=2026-11-01&to=2026-11-30&by=grid", within("2026-11-01", "2026-11-30"),
                g -> Set.of(village(g)), Optional.empty());
    }

    @Test
    void byGrid_withinOneVillage_splitsItsSubtree() {
        String v = GENERATED.stream().filter(g -> g.gridId.endsWith("-a1")).findFirst().map(StatsFunctionalTest::village)
                .orElseThrow();
        List<Gen> gens = within("2026-11-01", "2026-11-30").stream().filter(g -> village(g).equals(v)).toList();
        assertReport("/api/v1/stats?from=2026-11-01&to=2026-11-30&by=grid&grid=" + v, gens, g -> Set.of(g.gridId),
                Optional.empty());
    }

    @Test
    void byCategory_matchesTheGeneratedMonth() {
        assertReport("/api/v1/stats?from=2026-11-01&to=2026-11-30&by=category", within("2026-11-01", "2026-11-30"),
                g -> Set.of(g.category.wire()), Optional.empty());
    }

    @Test
    void byDepartment_countsAnIncidentOnceForEachDepartmentCalled() {
        assertReport("/api/v1/stats?from=2026-11-01&to=2026-11-30&by=department", within("2026-11-01", "2026-11-30"),
                g -> g.duplicate ? Set.of() : Set.copyOf(g.whistles.stream().map(Whistle::department).toList()),
                Optional.empty());
    }

    @Test
    void byMonth_usesTheTownsZone() {
        List<Gen> all = within("2026-10-01", "2026-12-31");
        assertEquals(GENERATED.size(), all.size());
        assertReport("/api/v1/stats?from=2026-10-01&to=2026-12-31&by=month", all,
                g -> Set.of(YearMonth.from(g.created.atZone(TOWN)).toString()), Optional.empty());
        // the first slot of 1 November, town time, is still 31 October in UTC
        assertTrue(GENERATED.stream().anyMatch(g -> YearMonth.from(g.created.atZone(TOWN)).getMonthValue() == 11
                && YearMonth.from(g.created.atZone(java.time.ZoneOffset.UTC)).getMonthValue() == 10));
    }

    @Test
    void filters_categoryAndDepartment() {
        Category c = Category.values()[0];
        assertReport("/api/v1/stats?from=2026-11-01&to=2026-11-30&by=month&category=" + c.wire(),
                within("2026-11-01", "2026-11-30").stream().filter(g -> g.category == c).toList(),
                g -> Set.of(YearMonth.from(g.created.atZone(TOWN)).toString()), Optional.empty());
        Predicate<Gen> calledPolice = g -> !g.duplicate && g.whistles.stream().anyMatch(w -> w.department().equals("police"));
        assertReport("/api/v1/stats?from=2026-11-01&to=2026-11-30&by=category&department=police",
                within("2026-11-01", "2026-11-30").stream().filter(calledPolice).toList(),
                g -> Set.of(g.category.wire()), Optional.of("police"));
    }

    @Test
    void timerRollup_holdsTheSumsOfTheRawRows() throws Exception {
        // every fate above met, fired, cancelled or merged deadlines through the desk; the rollup the
        // reports read must be exactly what the raw incidents and deadlines add up to
        try (java.sql.Connection c = org.gridstation.gateway.testing.TestStores.connect(dir)) {
            List<org.gridstation.gateway.stats.TimerDays.Row> raw = org.gridstation.gateway.stats.TimerDays.fromRaw(c, TOWN);
            assertTrue(raw.size() > 50, "deadlines met and missed on many days: " + raw.size());
            assertTrue(raw.stream().anyMatch(r -> r.missed() > 0) && raw.stream().anyMatch(r -> r.met() > 0));
            assertEquals(raw, org.gridstation.gateway.stats.TimerDays.stored(c));
        }
    }

    @Test
    void monthCells_holdTheTalliesOfTheRawRows() throws Exception {
        // every step above ran with the cells clean before it (see at()): each change must have
        // marked its incident's cell dirty, or the clean cell would differ from the raw rows now
        try (java.sql.Connection c = org.gridstation.gateway.testing.TestStores.connect(dir)) {
            org.gridstation.gateway.stats.MonthCells.Check check = org.gridstation.gateway.stats.MonthCells.check(c, TOWN);
            assertTrue(check.compared() > 30, "cells compared: " + check.compared());
            assertEquals(List.of(), check.differ(), "clean cells that differ from the raw rows");
            // and a month's cells recomputed in one pass over its incidents are the same as cell by cell
            try (java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE stats_months SET dirty = 1");
            }
            org.gridstation.gateway.stats.MonthCells.refreshDirtyByMonth(desk.db(), TOWN);
            org.gridstation.gateway.stats.MonthCells.Check bulk = org.gridstation.gateway.stats.MonthCells.check(c, TOWN);
            assertTrue(bulk.compared() >= check.compared(), "every cell clean now (those left dirty by the last steps too)");
            assertEquals(List.of(), bulk.differ(), "cells of a one-pass month that differ from the raw rows");
        }
    }

    @Test
    void aPeriodOfPartMonths_addsTheRawDaysToTheWholeMonthsCells() {
        // 20–31 October from the raw rows, November and December from the month cells
        List<Gen> all = within("2026-10-20", "2026-12-31");
        assertReport("/api/v1/stats?from=2026-10-20&to=2026-12-31&by=month", all,
                g -> Set.of(YearMonth.from(g.created.atZone(TOWN)).toString()), Optional.empty());
        assertReport("/api/v1/stats?from=2026-10-31&to=2026-11-30&by=department", within("2026-10-31", "2026-11-30"),
                g -> g.duplicate ? Set.of() : Set.copyOf(g.whistles.stream().map(Whistle::department).toList()),
                Optional.empty());
        // and a period within one month, all raw, the month's end not yet reached
        assertReport("/api/v1/stats?from=2026-11-03&to=2026-11-17&by=grid", within("2026-11-03", "2026-11-17"),
                g -> Set.of(village(g)), Optional.empty());
    }

    @Test
    void badParameters_are400() {
        for (String q : List.of("from=2026-13-01", "by=week", "from=2026-11-30&to=2026-11-01", "category=nope")) {
            HttpResponse<String> r = TestSupport.get(app, "/api/v1/stats?" + q);
            assertEquals(400, r.statusCode(), q);
            assertTrue(r.body().contains("\"error\""), q);
        }
        assertEquals(404, TestSupport.get(app, "/api/v1/stats?grid=no-such-grid").statusCode());
    }

    @Test
    void csv_hasBomHeaderAndOneRowPerGroup() {
        HttpResponse<byte[]> r = TestSupport.getBytes(app, "/api/v1/stats.csv?from=2026-11-01&to=2026-11-30&by=grid");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        byte[] b = r.body();
        assertEquals(0xEF, b[0] & 0xFF);
        assertEquals(0xBB, b[1] & 0xFF);
        assertEquals(0xBF, b[2] & 0xFF);
        String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        JsonNode json = json(app, "/api/v1/stats?from=2026-11-01&to=2026-11-30&by=grid");
        assertEquals(json.get("groups").size() + 2, lines.length);
        List<String> header = List.of(lines[0].split(","));
        assertEquals("编号", header.get(0));
        assertEquals("分组", header.get(1));
        int incidentsCol = header.indexOf("事件数");
        int satisfactionCol = header.indexOf("满意率");
        assertTrue(incidentsCol > 1 && satisfactionCol > 1);
        String[] total = lines[1].split(",", -1);
        assertEquals("*", total[0]);
        assertEquals("合计", total[1]);
        assertEquals(json.get("total").get("incidents").asText(), total[incidentsCol]);
        for (int i = 0; i < json.get("groups").size(); i++) {
            String[] row = lines[i + 2].split(",", -1);
            JsonNode g = json.get("groups").get(i);
            assertEquals(g.get("key").asText(), row[0]);
            assertEquals(g.get("label").asText(), row[1]);
            assertEquals(g.get("figures").get("incidents").asText(), row[incidentsCol]);
            assertEquals(String.format(java.util.Locale.ROOT, "%.4f", g.get("figures").get("satisfaction").asDouble()),
                    row[satisfactionCol]);
        }
        String en = new String(TestSupport.getBytes(app, "/api/v1/stats.csv?from=2026-11-01&to=2026-11-30&lang=en")
                .body(), StandardCharsets.UTF_8);
        assertTrue(en.startsWith("\uFEFFKey,Group,Incidents,"), en.substring(0, 40));
    }

    @Test
    void page_drawsSvgChartsWithoutScriptOrExternalResources() {
        HttpResponse<String> zh = TestSupport.get(app, "/stats?from=2026-11-01&to=2026-11-30&by=grid");
        assertEquals(200, zh.statusCode());
        String html = zh.body();
        assertTrue(html.contains("<html lang=\"zh-CN\">"));
        assertTrue(html.contains("事件统计"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("width=device-width"), "usable on a phone");
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("<link"));
        assertTrue(html.contains("/api/v1/stats.csv?from=2026-11-01&amp;to=2026-11-30&amp;by=grid"));
        assertTrue(html.contains("/stats?from=2026-11-01&amp;to=2026-11-30&amp;by=grid&amp;lang=en"),
                "English keeps the period");
        JsonNode json = json(app, "/api/v1/stats?from=2026-11-01&to=2026-11-30&by=grid");
        for (JsonNode g : json.get("groups")) {
            assertTrue(html.contains(g.get("label").asText()), g.get("label").asText());
        }
        String en = TestSupport.get(app, "/stats?from=2026-11-01&to=2026-11-30&by=department&lang=en").body();
        assertTrue(en.contains("Incident statistics"));
        assertTrue(en.contains("派出所"), "department names as configured");
        HttpResponse<String> bad = TestSupport.get(app, "/stats?from=2026-13-01");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("无法显示统计") && bad.body().contains("from must be YYYY-MM-DD"), bad.body());
        assertEquals(404, TestSupport.get(app, "/stats?grid=no-such-grid").statusCode());
        String dashboard = TestSupport.get(app, "/").body();
        assertTrue(dashboard.contains("href=\"/stats\""), "linked from the dashboard");
    }

    static void put(String path, String body) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(TestSupport.request(app, path).PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
