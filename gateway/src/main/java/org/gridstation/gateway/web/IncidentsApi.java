package org.gridstation.gateway.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.auth.GridScope;
import org.gridstation.gateway.auth.Principal;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.incident.Outcome;
import org.gridstation.gateway.incident.Step;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.ticket.TicketStatus;

/**
 * The incident queue over REST: {@code GET /api/v1/incidents[/{id}]} and one POST per step of
 * the lifecycle and the ladder. The phone number is never exposed. A step is recorded for the
 * signed-in account; each caller sees and acts only within their scope ({@link GridScope}).
 */
final class IncidentsApi {
    static final int MAX_LIMIT = 1000;
    private final Incidents incidents;
    private final IncidentDesk desk;
    private final Whistles whistles;
    private final ZoneId zone;
    private final java.time.Clock clock;

    private final GridScope scope;

    IncidentsApi(Incidents incidents, IncidentDesk desk, Whistles whistles, GridScope scope, ZoneId zone,
            java.time.Clock clock) {
        this.scope = scope;
        this.clock = clock;
        this.incidents = incidents;
        this.desk = desk;
        this.whistles = whistles;
        this.zone = zone;
    }

    /** An incident as the API lists it. */
    record IncidentView(String id, String stationId, Optional<String> grid, String category, String categoryLabel,
            String severity, String severityLabel, String status, String statusLabel, String level, String levelLabel,
            boolean anonymous, Optional<String> note, boolean hasPhone, Instant createdAt, Instant reportedAt,
            Instant updatedAt, Optional<Instant> acceptedAt, Optional<Instant> onSiteAt, Optional<Instant> resolvedAt,
            Optional<Instant> closedAt, Optional<String> outcome, Optional<String> duplicateOf,
            Optional<String> statusNote, Optional<String> rating, Optional<DeadlineView> nextDeadline) {
    }

    /** One incident with its history, whistles and pending deadlines. */
    record IncidentDetail(@com.fasterxml.jackson.annotation.JsonUnwrapped IncidentView incident, List<StepView> steps, List<Incidents.Whistle> whistles,
            List<DeadlineView> deadlines) {
    }

    record StepView(Instant at, String actor, String action, String actionLabel, String status, String level,
            Optional<String> detail) {
    }

    record DeadlineView(String stage, Optional<String> department, String level, Instant dueAt, long secondsLeft) {
    }

    /** The body of a step. Fields a step does not use are ignored. */
    record StepRequest(String actor, String note, String answer, String reason, String outcome, String into,
            List<String> departments, String coordinator, Integer score, String rating) {
    }

    void list(Context ctx) {
        Optional<TicketStatus> status = param(ctx, "status").map(s -> {
            try {
                return TicketStatus.of(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be one of " + Arrays.stream(TicketStatus.values())
                        .map(TicketStatus::wire).toList());
            }
        });
        Optional<Boolean> open = param(ctx, "open").map(o -> switch (o) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("open must be true or false");
        });
        Optional<Category> category = param(ctx, "category").map(c -> {
            try {
                return Category.of(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown category " + c);
            }
        });
        Optional<Instant> from = param(ctx, "from").map(d -> day(d, "from"));
        Optional<Instant> to = param(ctx, "to").map(d -> day(d, "to").plus(Duration.ofDays(1)));
        int limit = limit(ctx, 100);
        String lang = Lang.of(ctx);
        Principal p = AccessControl.required(ctx);
        Optional<String> grid = param(ctx, "grid");
        Optional<List<String>> ids = Optional.empty();
        if (p.role() == Role.GRID_LEADER) {
            GridScope.require(grid.isEmpty() || scope.coversGrid(p, grid), "grid " + grid.orElse(""));
            grid = grid.or(p::gridId);
        } else if (p.role() == Role.DEPARTMENT) {
            ids = Optional.of(incidents.whistledTo(p.departmentId().orElse(""), 10_000));
        }
        List<Incident> found = incidents.list(new Incidents.Query(param(ctx, "station"), status, open, category,
                grid, from, to, ids, limit));
        var next = incidents.nextDeadlines(found.stream().map(Incident::id).toList());
        Instant now = clock.instant();
        ctx.json(found.stream().map(i -> view(i, lang, Optional.ofNullable(next.get(i.id())).map(d -> deadline(d, now))))
                .toList());
    }

    void one(Context ctx) {
        String id = ctx.pathParam("id");
        Incident i = incidents.get(id).orElseThrow(() -> new UnknownException("incident", id));
        GridScope.require(scope.mayRead(AccessControl.required(ctx), i), "incident " + id);
        ctx.json(detail(i, Lang.of(ctx)));
    }

    private IncidentDetail detail(Incident i, String lang) {
        Instant now = clock.instant();
        List<DeadlineView> deadlines = incidents.deadlines(i.id()).stream().map(d -> deadline(d, now)).toList();
        return new IncidentDetail(view(i, lang, deadlines.stream().findFirst()), incidents.steps(i.id()).stream().map(s -> new StepView(s.at(), s.actor(),
                s.action().wire(), s.action().label(lang), s.status().wire(), s.level().wire(), s.detail())).toList(),
                incidents.whistles(i.id()), deadlines);
    }

    private static DeadlineView deadline(Incidents.Deadline d, Instant now) {
        return new DeadlineView(d.stage().wire(), d.departmentId(), d.level().wire(), d.dueAt(),
                Duration.between(now, d.dueAt()).toSeconds());
    }

    /** {@code POST /api/v1/incidents/{id}/{step}}. */
    void step(Context ctx) {
        String id = ctx.pathParam("id");
        String step = ctx.pathParam("step");
        StepRequest r = body(ctx);
        Principal p = AccessControl.required(ctx);
        requireActOn(p, id);
        if ("merge".equals(step) && r.into() != null) {
            requireActOn(p, r.into());
        }
        String actor = actor(ctx, r);
        Incident out = switch (step) {
            case "accept" -> desk.accept(id, actor);
            case "dispatch" -> desk.dispatch(id, actor, Optional.ofNullable(r.note()));
            case "on-site" -> desk.onSite(id, actor, Optional.ofNullable(r.note()));
            case "resolve" -> desk.resolve(id, actor, r.answer());
            case "close" -> desk.close(id, actor, outcome(r.outcome()), Optional.ofNullable(r.answer()));
            case "reopen" -> desk.reopen(id, actor, r.reason());
            case "escalate" -> desk.climb(id, actor, r.reason());
            case "merge" -> desk.merge(id, required(r.into(), "into"), actor);
            case "whistle" -> whistles.whistle(id, r.departments(), Optional.ofNullable(r.coordinator()), actor,
                    Optional.ofNullable(r.note()));
            default -> throw new UnknownException("step", step);
        };
        ctx.json(detail(out, Lang.of(ctx)));
    }

    /** {@code POST /api/v1/incidents/{id}/whistles/{department}/{report|score}}. */
    void departmentStep(Context ctx) {
        String id = ctx.pathParam("id");
        String dept = ctx.pathParam("department");
        StepRequest r = body(ctx);
        Principal p = AccessControl.required(ctx);
        Incident i = incidents.get(id).orElseThrow(() -> new UnknownException("incident", id));
        boolean own = scope.isWhistledDepartment(p, id, dept);
        GridScope.require(scope.mayAct(p, i) || own && "report".equals(ctx.pathParam("step")), "incident " + id);
        String actor = actor(ctx, r);
        Incident out = switch (ctx.pathParam("step")) {
            case "report" -> whistles.report(id, dept, actor);
            case "score" -> whistles.score(id, dept, r.score() == null ? -1 : r.score(), actor);
            default -> throw new UnknownException("step", ctx.pathParam("step"));
        };
        ctx.json(detail(out, Lang.of(ctx)));
    }

    private void requireActOn(Principal p, String id) {
        Incident i = incidents.get(id).orElseThrow(() -> new UnknownException("incident", id));
        GridScope.require(scope.mayAct(p, i), "incident " + id);
    }

    /**
     * Who a step is recorded for: the signed-in account; for an API token (an integration relaying
     * what a named person did) the body's {@code actor}, or the token itself.
     */
    private static String actor(Context ctx, StepRequest r) {
        Principal p = AccessControl.required(ctx);
        if (AccessControl.viaSession(ctx) || r.actor() == null || r.actor().isBlank()) {
            return p.actor();
        }
        return r.actor().strip();
    }

    /** {@code POST /api/v1/tickets/{ticket}/feedback}: a villager's rating, no sign-in. */
    void feedback(Context ctx) {
        StepRequest r = body(ctx);
        Rating rating = rating(r.rating());
        Incident i = desk.rate(ctx.pathParam("ticket"), rating, "villager");
        ctx.json(java.util.Map.of("ticket", i.id(), "status", i.status().wire(), "rating", rating.wire()));
    }

    /** The public tracking page's rating form: rates, then shows the page again (303). */
    void feedbackForm(Context ctx) {
        String ticket = ctx.pathParam("ticket");
        desk.rate(ticket, rating(ctx.formParam("rating")), "villager");
        ctx.redirect("/tickets/" + java.net.URLEncoder.encode(ticket, java.nio.charset.StandardCharsets.UTF_8)
                + ("en".equals(Lang.of(ctx)) ? "?lang=en" : ""), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    static Rating rating(String s) {
        try {
            return Rating.of(s == null ? "" : s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rating must be satisfied, basically-satisfied or dissatisfied");
        }
    }

    private static Outcome outcome(String s) {
        try {
            return Outcome.of(required(s, "outcome"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome must be resolved, referred or not-ours");
        }
    }

    private static StepRequest body(Context ctx) {
        return IncidentRoutes.body(ctx, StepRequest.class);
    }

    private static String required(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return s;
    }

    static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private Instant day(String d, String what) {
        try {
            return LocalDate.parse(d).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " must be YYYY-MM-DD");
        }
    }

    static int limit(Context ctx, int dflt) {
        String l = ctx.queryParam("limit");
        if (l == null) {
            return dflt;
        }
        int limit;
        try {
            limit = Integer.parseInt(l);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be a number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    static IncidentView view(Incident i, String lang, Optional<DeadlineView> next) {
        return new IncidentView(i.id(), i.stationId(), i.gridId(), i.category().wire(), i.category().label(lang),
                i.severity().wire(), i.severity().label(lang), i.status().wire(), i.status().label(lang),
                i.level().wire(), i.level().label(lang), i.anonymous(), i.note(), i.phone().isPresent(), i.createdAt(),
                i.reportedAt(), i.updatedAt(), i.acceptedAt(), i.onSiteAt(), i.resolvedAt(), i.closedAt(),
                i.outcome().map(Outcome::wire), i.duplicateOf(), i.statusNote(), i.rating().map(Rating::wire), next);
    }

    static String stepLabel(Step.Action a, String lang) {
        return a.label(lang);
    }
}
