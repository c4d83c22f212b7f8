package org.gridstation.gateway.web;

import org.gridstation.gateway.auth.GridScope;
import org.gridstation.gateway.auth.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.alert.Alert;
import org.gridstation.gateway.alert.AlertKind;
import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.calendar.CalendarFeeds;
import org.gridstation.gateway.importer.ImportReport;
import org.gridstation.gateway.importer.TownImport;
import org.gridstation.gateway.points.LedgerEntry;
import org.gridstation.gateway.points.PointRules;
import org.gridstation.gateway.roster.DayOverride;
import org.gridstation.gateway.roster.Leave;
import org.gridstation.gateway.roster.Rotation;
import org.gridstation.gateway.roster.RosterFeature;
import org.gridstation.gateway.roster.RosterPlanner;
import org.gridstation.gateway.roster.ShiftCoverage;
import org.gridstation.gateway.roster.ShiftTemplate;
import org.gridstation.gateway.roster.Swap;
import org.gridstation.gateway.roster.VolunteerSummary;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Ids;

/**
 * The roster, coverage, alerts and points REST routes, all declared in {@link #register}. Who may
 * call each is in {@link AccessPolicy}; a grid leader's tonight board, gap report, alerts and
 * swaps are narrowed to their subtree here.
 */
final class RosterApi {
    private final Town town;
    private final RosterFeature roster;
    private final Clock clock;
    private final GridScope scope;

    RosterApi(Town town, RosterFeature roster, Clock clock, GridScope scope) {
        this.scope = scope;
        this.town = town;
        this.roster = roster;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/roster/templates", ctx -> ctx.json(roster.store().templates().stream().map(RosterApi::view).toList()));
        r.put("/api/v1/roster/templates/{id}", this::putTemplate);
        r.delete("/api/v1/roster/templates/{id}", ctx -> deleted(ctx, roster.planner().deleteTemplate(ctx.pathParam("id")),
                "template", ctx.pathParam("id")));
        r.get("/api/v1/roster/templates/{id}/rotation", ctx -> ctx.json(roster.store().rotation(ctx.pathParam("id"))
                .orElseThrow(() -> new UnknownException("rotation", ctx.pathParam("id")))));
        r.put("/api/v1/roster/templates/{id}/rotation", this::putRotation);
        r.put("/api/v1/roster/templates/{id}/overrides/{date}", this::putOverride);
        r.delete("/api/v1/roster/templates/{id}/overrides/{date}", ctx -> deleted(ctx, roster.planner().deleteOverride(
                ctx.pathParam("id"), Bodies.date(ctx.pathParam("date"), "date")), "override", ctx.pathParam("date")));
        r.post("/api/v1/roster/generate", this::generate);
        r.get("/api/v1/roster/week", this::week);
        r.get("/api/v1/roster/leave", ctx -> ctx.json(roster.store().leaveBetween(Bodies.date(ctx, "from", town.today()),
                Bodies.date(ctx, "to", town.today().plusDays(RosterPlanner.DEFAULT_DAYS)))));
        r.post("/api/v1/roster/leave", this::putLeave);
        r.delete("/api/v1/roster/leave/{id}", ctx -> deleted(ctx, roster.planner().deleteLeave(ctx.pathParam("id")),
                "leave", ctx.pathParam("id")));
        r.get("/api/v1/roster/swaps", ctx -> {
            Principal p = AccessControl.required(ctx);
            ctx.json(roster.swaps().list("true".equals(ctx.queryParam("open"))).stream()
                    .filter(s -> coversShift(p, s.shiftId())).toList());
        });
        r.get("/api/v1/roster/swaps/{id}", ctx -> ctx.json(swapInScope(ctx)));
        r.post("/api/v1/roster/swaps", this::offer);
        r.post("/api/v1/roster/swaps/{id}/take", ctx -> {
            TakeBody b = Bodies.json(ctx, TakeBody.class);
            ctx.json(roster.swaps().take(ctx.pathParam("id"), b.personId(), b.returnShiftId()));
        });
        r.post("/api/v1/roster/swaps/{id}/approve", ctx -> ctx.json(roster.swaps().approve(swapInScope(ctx).id(),
                Bodies.json(ctx, LeaderBody.class).leaderId())));
        r.post("/api/v1/roster/swaps/{id}/reject", ctx -> ctx.json(roster.swaps().reject(swapInScope(ctx).id(),
                Bodies.json(ctx, LeaderBody.class).leaderId())));
        r.post("/api/v1/roster/swaps/{id}/cancel", ctx -> ctx.json(roster.swaps().cancel(ctx.pathParam("id"),
                Bodies.json(ctx, PersonBody.class).personId())));
        r.get("/api/v1/coverage/tonight", ctx -> {
            Principal p = AccessControl.required(ctx);
            ctx.json(Map.of("at", clock.instant(), "villages", roster.coverage().tonight(clock.instant(), Lang.of(ctx))
                    .stream().filter(v -> scope.coversGrid(p, Optional.of(v.gridId()))).toList()));
        });
        r.get("/api/v1/coverage/gaps", ctx -> {
            LocalDate from = Bodies.date(ctx, "from", town.today());
            int days = Bodies.integer(ctx, "days", 14, 1, 92);
            Principal p = AccessControl.required(ctx);
            ctx.json(Map.of("from", from, "days", days, "villages", roster.coverage().gaps(from, days).stream()
                    .filter(v -> scope.coversGrid(p, Optional.of(v.gridId()))).toList()));
        });
        r.get("/api/v1/alerts", this::alerts);
        r.post("/api/v1/alerts/{id}/clear", ctx -> {
            long id = alertId(ctx);
            var alert = roster.alerts().get(id).orElseThrow(() -> new UnknownException("alert", ctx.pathParam("id")));
            GridScope.require(coversAlert(AccessControl.required(ctx), alert), "alert " + id);
            roster.alerts().clear(id);
            ctx.json(roster.alerts().get(id).map(a -> alertView(a, Lang.of(ctx))).orElseThrow());
        });
        r.get("/api/v1/points/rules", ctx -> ctx.json(roster.points().rules()));
        r.put("/api/v1/points/rules", ctx -> ctx.json(roster.points().setRules(Bodies.json(ctx, PointRules.class))));
        r.post("/api/v1/points/award", this::award);
        r.get("/api/v1/points/ranking", ctx -> ctx.json(roster.report().people(month(ctx), grid(ctx), Lang.of(ctx))));
        r.get("/api/v1/points/grids", ctx -> ctx.json(roster.report().grids(month(ctx), grid(ctx))));
        r.get("/api/v1/points/ledger.csv", ctx -> {
            YearMonth m = month(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"points-" + m + ".csv\"")
                    .contentType("text/csv; charset=utf-8").result(roster.report().csv(m));
        });
        r.get("/api/v1/people/{id}/points", ctx -> {
            Person p = person(ctx);
            ctx.json(Map.of("personId", p.id(), "balance", roster.points().balance(p.id()),
                    "entries", roster.points().entries(p.id(), Bodies.integer(ctx, "limit", 100, 1, 1000))));
        });
        r.get("/api/v1/people/{id}/roster", this::personRoster);
        r.get("/ical/{file}", this::ical);
        r.post("/api/v1/import/{kind}", this::importFile);
        r.get("/api/v1/people/{id}/calendar", ctx -> calendar(ctx, CalendarFeeds.Kind.PERSON, false));
        r.post("/api/v1/people/{id}/calendar/rotate", ctx -> calendar(ctx, CalendarFeeds.Kind.PERSON, true));
        r.get("/api/v1/stations/{id}/calendar", ctx -> calendar(ctx, CalendarFeeds.Kind.STATION, false));
        r.post("/api/v1/stations/{id}/calendar/rotate", ctx -> calendar(ctx, CalendarFeeds.Kind.STATION, true));
    }

    /** 200 with the report if imported (even partly, with force), 422 with it if nothing was. */
    private void importFile(Context ctx) {
        ImportReport report = new TownImport(town).run(ctx.pathParam("kind"), ctx.bodyAsBytes(), "true".equals(ctx.queryParam("force")));
        ctx.status(report.errors().isEmpty() || report.forced() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).json(report);
    }

    /** A feed's address (the URL is the key: only admins and operators see it, see AccessPolicy). */
    private void calendar(Context ctx, CalendarFeeds.Kind kind, boolean rotate) {
        String id = ctx.pathParam("id");
        String token = rotate ? roster.calendars().rotate(kind, id) : roster.calendars().token(kind, id);
        String path = "/ical/" + token + ".ics";
        ctx.json(Map.of("token", token, "path", path, "url", ctx.scheme() + "://" + ctx.host() + path));
    }

    private void ical(Context ctx) {
        String file = ctx.pathParam("file");
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : "";
        String ics = roster.calendars().feed(token).orElseThrow(() -> new UnknownException("calendar", "…"));
        ctx.contentType("text/calendar; charset=utf-8").header("Cache-Control", "no-cache").result(ics);
    }

    // ---- request bodies ---------------------------------------------------------------------

    record TemplateBody(String stationId, String label, LocalTime start, LocalTime end, Integer required,
            List<String> weekdays, LocalDate validFrom, Optional<LocalDate> validUntil) {
    }

    record RotationBody(LocalDate anchor, Integer turnDays, List<List<String>> turns) {
    }

    record OverrideBody(Boolean cancelled, Optional<Integer> required, List<String> add, List<String> remove,
            Optional<String> note) {
    }

    record GenerateBody(Optional<LocalDate> from, Optional<LocalDate> to) {
    }

    record LeaveBody(Optional<String> id, String personId, LocalDate from, LocalDate to, Optional<String> reason) {
    }

    record OfferBody(String shiftId, String personId, Optional<String> note) {
    }

    record TakeBody(String personId, Optional<String> returnShiftId) {
    }

    record LeaderBody(String leaderId) {
    }

    record PersonBody(String personId) {
    }

    record AwardBody(String personId, String rule, String reason, String ref) {
    }

    // ---- views ------------------------------------------------------------------------------

    record TemplateView(String id, String stationId, String label, LocalTime start, LocalTime end, boolean overnight,
            int required, List<String> weekdays, LocalDate validFrom, Optional<LocalDate> validUntil) {
    }

    record AlertView(long id, String kind, String kindLabel, Optional<String> stationId, Optional<String> gridId,
            Optional<String> personId, Optional<String> shiftId, String message, java.time.Instant raisedAt,
            Optional<java.time.Instant> clearedAt, boolean open) {
    }

    record ShiftPlace(String shiftId, String stationId, String stationName, String label, java.time.OffsetDateTime start,
            java.time.OffsetDateTime end, List<String> flags) {
    }

    static TemplateView view(ShiftTemplate t) {
        return new TemplateView(t.id(), t.stationId(), t.label(), t.start(), t.end(), t.overnight(), t.required(),
                EnumSet.copyOf(t.weekdays().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : t.weekdays()).stream()
                        .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList(),
                t.validFrom(), t.validUntil());
    }

    static AlertView alertView(Alert a, String lang) {
        return new AlertView(a.id(), a.kind().wire(), a.kind().label(lang), a.stationId(), a.gridId(), a.personId(), a.shiftId(),
                a.message(), a.raisedAt(), a.clearedAt(), a.open());
    }

    // ---- handlers ---------------------------------------------------------------------------

    private void putTemplate(Context ctx) {
        TemplateBody b = Bodies.json(ctx, TemplateBody.class);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : b.weekdays() == null ? List.<String>of() : b.weekdays()) {
            days.add(weekday(d));
        }
        ShiftTemplate t = new ShiftTemplate(ctx.pathParam("id"), b.stationId(), b.label(), Ids.notNull(b.start(), "start"),
                Ids.notNull(b.end(), "end"), Ids.notNull(b.required(), "required"), days,
                b.validFrom() == null ? town.today() : b.validFrom(), b.validUntil());
        boolean existed = roster.store().template(t.id()).isPresent();
        ctx.status(existed ? HttpStatus.OK : HttpStatus.CREATED).json(view(roster.planner().putTemplate(t)));
    }

    static DayOfWeek weekday(String d) {
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().substring(0, 3).equalsIgnoreCase(d) || w.name().equalsIgnoreCase(d)) {
                return w;
            }
        }
        throw new IllegalArgumentException("weekdays must be mon, tue, wed, thu, fri, sat or sun");
    }

    private void putRotation(Context ctx) {
        RotationBody b = Bodies.json(ctx, RotationBody.class);
        ctx.json(roster.planner().putRotation(new Rotation(ctx.pathParam("id"), Ids.notNull(b.anchor(), "anchor"),
                b.turnDays() == null ? 1 : b.turnDays(), b.turns())));
    }

    private void putOverride(Context ctx) {
        OverrideBody b = Bodies.json(ctx, OverrideBody.class);
        ctx.json(roster.planner().putOverride(new DayOverride(ctx.pathParam("id"), Bodies.date(ctx.pathParam("date"), "date"),
                Boolean.TRUE.equals(b.cancelled()), b.required(), b.add(), b.remove(), b.note())));
    }

    private void generate(Context ctx) {
        GenerateBody b = ctx.body().isBlank() ? new GenerateBody(Optional.empty(), Optional.empty())
                : Bodies.json(ctx, GenerateBody.class);
        LocalDate from = b.from().orElse(town.today());
        ctx.json(roster.planner().generate(from, b.to().orElse(from.plusDays(RosterPlanner.DEFAULT_DAYS - 1))));
    }

    private void week(Context ctx) {
        LocalDate start = Bodies.date(ctx, "start", town.today().with(DayOfWeek.MONDAY));
        String grid = ctx.queryParam("grid");
        String lang = Lang.of(ctx);
        Map<String, List<ShiftCoverage>> days = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            LocalDate d = start.plusDays(i);
            days.put(d.toString(), grid == null || grid.isBlank() ? roster.coverage().on(d, lang) : roster.coverage().on(d, grid, lang));
        }
        ctx.json(Map.of("start", start, "days", days));
    }

    private void putLeave(Context ctx) {
        LeaveBody b = Bodies.json(ctx, LeaveBody.class);
        String id = b.id().orElseGet(() -> "lv" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        Leave l = roster.planner().putLeave(new Leave(id, b.personId(), b.from(), b.to(), b.reason()));
        ctx.status(HttpStatus.CREATED).json(l);
    }

    private void offer(Context ctx) {
        OfferBody b = Bodies.json(ctx, OfferBody.class);
        Ids.require(b.shiftId(), "shiftId");
        Swap s = roster.swaps().offer(b.shiftId(), b.personId(), b.note());
        ctx.status(HttpStatus.CREATED).json(s);
    }

    private void alerts(Context ctx) {
        Optional<String> station = Optional.ofNullable(ctx.queryParam("station")).filter(s -> !s.isBlank());
        Optional<AlertKind> kind = Optional.ofNullable(ctx.queryParam("kind")).filter(s -> !s.isBlank()).map(k -> {
            try {
                return AlertKind.of(k);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kind must be one of unstaffed, forgotten-checkout, badge-two-stations");
            }
        });
        boolean open = !"false".equals(ctx.queryParam("open"));
        int limit = Bodies.integer(ctx, "limit", 100, 1, Alerts.MAX_LIMIT);
        String lang = Lang.of(ctx);
        Principal p = AccessControl.required(ctx);
        ctx.json(roster.alerts().list(open, station, kind, limit).stream().filter(a -> coversAlert(p, a))
                .map(a -> alertView(a, lang)).toList());
    }

    private boolean coversAlert(Principal p, org.gridstation.gateway.alert.Alert a) {
        return GridScope.townWide(p) || a.gridId().map(g -> scope.coversGrid(p, Optional.of(g)))
                .or(() -> a.stationId().map(s -> scope.coversStation(p, s))).orElse(false);
    }

    private boolean coversShift(Principal p, String shiftId) {
        return GridScope.townWide(p) || town.shift(shiftId).map(s -> scope.coversStation(p, s.stationId())).orElse(false);
    }

    /** The swap of the path, if the caller's scope covers its shift's station (403 otherwise). */
    private org.gridstation.gateway.roster.Swap swapInScope(Context ctx) {
        org.gridstation.gateway.roster.Swap s = roster.swaps().get(ctx.pathParam("id"));
        GridScope.require(coversShift(AccessControl.required(ctx), s.shiftId()), "swap " + s.id());
        return s;
    }

    private static long alertId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new UnknownException("alert", ctx.pathParam("id"));
        }
    }

    private void award(Context ctx) {
        AwardBody b = Bodies.json(ctx, AwardBody.class);
        Optional<LedgerEntry> e = roster.points().award(b.personId(), b.rule(), b.reason(), b.ref());
        if (e.isEmpty()) {
            throw new org.gridstation.gateway.roster.Swaps.ConflictException(
                    "already booked: " + b.rule() + " for " + b.personId() + " with ref " + b.ref());
        }
        ctx.status(HttpStatus.CREATED).json(e.get());
    }

    /** A volunteer's upcoming shifts and recent attendance, hours and points. */
    private void personRoster(Context ctx) {
        Person p = person(ctx);
        LocalDate from = Bodies.date(ctx, "from", town.today());
        int days = Bodies.integer(ctx, "days", 28, 1, 92);
        ctx.json(VolunteerSummary.of(p, from, days, town, roster, Lang.of(ctx)));
    }

    private Person person(Context ctx) {
        String id = ctx.pathParam("id");
        return town.person(id).orElseThrow(() -> new UnknownException("person", id));
    }

    private YearMonth month(Context ctx) {
        return Bodies.month(ctx, YearMonth.from(clock.instant().atZone(town.zone())));
    }

    private String grid(Context ctx) {
        String g = ctx.queryParam("grid");
        if (g == null || g.isBlank()) {
            return town.grids().stream().filter(x -> x.parentId().isEmpty()).findFirst()
                    .orElseThrow(() -> new UnknownException("grid", "(root)")).id();
        }
        return g;
    }

    private static void deleted(Context ctx, boolean existed, String what, String id) {
        if (!existed) {
            throw new UnknownException(what, id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

}
