package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.fleet.FleetSettings;
import org.gridstation.gateway.station.Health;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.protocol.downlink.StationSettings;

/** Fleet configuration over REST: a station's settings versions, a change, a town-wide change, a rollback. */
public final class FleetRoutes {
    private final FleetSettings fleet;
    private final StationMonitor monitor;

    public FleetRoutes(FleetSettings fleet, StationMonitor monitor) {
        this.fleet = fleet;
        this.monitor = monitor;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/settings/known", ctx -> {
            Map<String, String> known = new LinkedHashMap<>();
            StationSettings.KNOWN.forEach((k, v) -> known.put(k, v.rule()));
            ctx.json(known);
        });
        r.put("/api/v1/settings", this::changeAll);
        r.get("/api/v1/stations/{id}/settings", this::get);
        r.put("/api/v1/stations/{id}/settings", this::change);
        r.post("/api/v1/stations/{id}/settings/rollback", this::rollback);
    }

    record ChangeRequest(String actor, Map<String, String> settings, String note) {
    }

    record RollbackRequest(String actor, Long toVersion) {
    }

    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Health> health = monitor.state(id).health();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stationId", id);
        var history = fleet.history(id);
        out.put("current", history.isEmpty() ? null : history.get(0));
        out.put("applied", health.flatMap(Health::settingsVersion).orElse(null));
        out.put("refused", health.flatMap(Health::settingsError).orElse(null));
        out.put("history", history);
        ctx.json(out);
    }

    private void change(Context ctx) {
        ChangeRequest r = IncidentRoutes.body(ctx, ChangeRequest.class);
        if (r.settings() == null || r.settings().isEmpty()) {
            throw new IllegalArgumentException("settings are required");
        }
        ctx.json(fleet.change(ctx.pathParam("id"), r.settings(), r.actor(), Optional.ofNullable(r.note())));
    }

    private void changeAll(Context ctx) {
        ChangeRequest r = IncidentRoutes.body(ctx, ChangeRequest.class);
        if (r.settings() == null || r.settings().isEmpty()) {
            throw new IllegalArgumentException("settings are required");
        }
        ctx.json(Map.of("stations", fleet.changeAll(r.settings(), r.actor(), Optional.ofNullable(r.note()))));
    }

    private void rollback(Context ctx) {
        RollbackRequest r = IncidentRoutes.body(ctx, RollbackRequest.class);
        ctx.json(fleet.rollback(ctx.pathParam("id"), Optional.ofNullable(r.toVersion()), r.actor()));
    }
}
