package org.gridstation.gateway.web;

import org.gridstation.gateway.auth.GridScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.incident.Departments;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.incident.TimeLimitTable;
import org.gridstation.gateway.incident.TimeLimits;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.notify.Deliveries;
import org.gridstation.gateway.notify.WebhookFormat;
import org.gridstation.gateway.notify.Webhooks;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/**
 * The incident work's routes: the queue and its steps, departments, time limits, webhooks and
 * their deliveries.
 */
public final class IncidentRoutes {
    private final IncidentsApi incidentsApi;
    private final Departments departments;
    private final TimeLimitTable limits;
    private final Webhooks webhooks;
    private final Deliveries deliveries;

    /** What the routes work on. */
    public record Services(Incidents incidents, IncidentDesk desk, Whistles whistles, Departments departments,
            TimeLimitTable limits, Webhooks webhooks, Deliveries deliveries) {
    }

    public IncidentRoutes(Services s, GridScope scope, ZoneId zone, Clock clock) {
        this.incidentsApi = new IncidentsApi(s.incidents(), s.desk(), s.whistles(), scope, zone, clock);
        this.departments = s.departments();
        this.limits = s.limits();
        this.webhooks = s.webhooks();
        this.deliveries = s.deliveries();
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/incidents", incidentsApi::list);
        r.get("/api/v1/incidents/{id}", incidentsApi::one);
        r.post("/api/v1/incidents/{id}/{step}", incidentsApi::step);
        r.post("/api/v1/incidents/{id}/whistles/{department}/{step}", incidentsApi::departmentStep);
        r.post("/api/v1/tickets/{ticket}/feedback", incidentsApi::feedback);
        r.post("/tickets/{ticket}/feedback", incidentsApi::feedbackForm);
        r.get("/api/v1/departments", ctx -> ctx.json(departments.all()));
        r.put("/api/v1/departments/{id}", this::putDepartment);
        r.get("/api/v1/time-limits", this::getLimits);
        r.put("/api/v1/time-limits", this::putLimits);
        r.get("/api/v1/webhooks", ctx -> ctx.json(webhooks.all()));
        r.put("/api/v1/webhooks/{id}", this::putWebhook);
        r.delete("/api/v1/webhooks/{id}", ctx -> {
            webhooks.delete(ctx.pathParam("id"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        r.get("/api/v1/deliveries", ctx -> ctx.json(deliveries.list(
                IncidentsApi.param(ctx, "state").orElse("failed"), IncidentsApi.limit(ctx, 100))));
        r.post("/api/v1/deliveries/{id}/retry", ctx -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("delivery id must be a number");
            }
            deliveries.retry(id);
            ctx.status(HttpStatus.ACCEPTED).json(Map.of("id", id, "state", "pending"));
        });
    }

    record DepartmentRequest(String name, String phone) {
    }

    private void putDepartment(Context ctx) {
        DepartmentRequest r = body(ctx, DepartmentRequest.class);
        ctx.json(departments.put(new Departments.Department(ctx.pathParam("id"), r.name(),
                Optional.ofNullable(r.phone()).filter(p -> !p.isBlank()))));
    }

    record LimitsView(Map<String, Map<String, Long>> defaults, java.util.List<Map<String, Object>> configured) {
    }

    private void getLimits(Context ctx) {
        Map<String, Map<String, Long>> defaults = new java.util.LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            defaults.put(s.wire(), minutes(TimeLimits.defaults(s)));
        }
        ctx.json(new LimitsView(defaults, limits.rows().stream().map(r -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("category", r.category());
            m.put("severity", r.severity().wire());
            m.putAll(minutes(r.limits()));
            return m;
        }).toList()));
    }

    private static Map<String, Long> minutes(TimeLimits t) {
        return Map.of("acceptMinutes", t.accept().toMinutes(), "onSiteMinutes", t.onSite().toMinutes(),
                "resolveMinutes", t.resolve().toMinutes());
    }

    record LimitsRequest(String category, String severity, Long acceptMinutes, Long onSiteMinutes,
            Long resolveMinutes) {
    }

    private void putLimits(Context ctx) {
        LimitsRequest r = body(ctx, LimitsRequest.class);
        if (r.acceptMinutes() == null || r.onSiteMinutes() == null || r.resolveMinutes() == null) {
            throw new IllegalArgumentException("acceptMinutes, onSiteMinutes and resolveMinutes are required");
        }
        Severity severity;
        try {
            severity = Severity.of(r.severity() == null ? "" : r.severity());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity must be normal, major or urgent");
        }
        Optional<Category> category;
        try {
            category = Optional.ofNullable(r.category()).filter(c -> !c.isBlank() && !TimeLimitTable.ANY.equals(c))
                    .map(Category::of);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown category " + r.category());
        }
        TimeLimits t = new TimeLimits(Duration.ofMinutes(r.acceptMinutes()), Duration.ofMinutes(r.onSiteMinutes()),
                Duration.ofMinutes(r.resolveMinutes()));
        limits.set(category, severity, t);
        getLimits(ctx);
    }

    record WebhookRequest(String name, String url, String format, String gridId, String departmentId,
            String secret) {
    }

    private void putWebhook(Context ctx) {
        WebhookRequest r = body(ctx, WebhookRequest.class);
        ctx.json(webhooks.put(ctx.pathParam("id"), r.name(), r.url(), WebhookFormat.of(
                r.format() == null ? "generic" : r.format()), Optional.ofNullable(r.gridId()).filter(g -> !g.isBlank()),
                Optional.ofNullable(r.departmentId()).filter(d -> !d.isBlank()), Optional.ofNullable(r.secret())));
    }

    static <T> T body(Context ctx, Class<T> type) {
        byte[] b = ctx.bodyAsBytes();
        if (b.length == 0) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        try {
            return Json.read(b, type);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("the body is not valid: " + e.getMessage());
        }
    }
}
