package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridstation.gateway.credential.MqttRefusals;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;

/**
 * A station's MQTT credential over REST: its status (never the secret) with what the broker
 * refused, a new credential (the password answered once, the old one revoked and its connection
 * closed), a revocation.
 */
public final class StationMqttRoutes {
    private final StationCredentials credentials;
    private final MqttRefusals refusals;
    private final Town town;

    public StationMqttRoutes(StationCredentials credentials, MqttRefusals refusals, Town town) {
        this.credentials = credentials;
        this.refusals = refusals;
        this.town = town;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/stations/{id}/mqtt", ctx -> ctx.json(status(station(ctx))));
        r.post("/api/v1/stations/{id}/mqtt/credentials", this::issue);
        r.post("/api/v1/stations/{id}/mqtt/revoke", ctx -> {
            String id = station(ctx);
            boolean revoked = credentials.revoke(id);
            Map<String, Object> out = status(id);
            out.put("revoked", revoked);
            ctx.json(out);
        });
    }

    private void issue(Context ctx) {
        StationCredentials.Issued issued = credentials.issue(station(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stationId", issued.stationId());
        out.put("username", issued.username());
        out.put("clientId", issued.username());
        out.put("password", issued.password());
        out.put("createdAt", issued.createdAt());
        ctx.status(201).json(out);
    }

    private Map<String, Object> status(String id) {
        StationCredentials.Status s = credentials.status(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stationId", s.stationId());
        out.put("username", s.username());
        out.put("active", s.active());
        out.put("createdAt", s.createdAt().orElse(null));
        out.put("revokedAt", s.revokedAt().orElse(null));
        out.put("refused", refusals.byStation().getOrDefault(id, Map.of()));
        return out;
    }

    private String station(Context ctx) {
        String id = ctx.pathParam("id");
        if (town.station(id).isEmpty()) {
            throw new UnknownException("station", id);
        }
        return id;
    }
}
