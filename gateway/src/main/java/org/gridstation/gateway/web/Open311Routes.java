package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.open311.ApiKeys;
import org.gridstation.gateway.open311.RequestIntake;
import org.gridstation.gateway.open311.Service;
import org.gridstation.gateway.open311.ServiceRequest;
import org.gridstation.gateway.open311.ServiceRequests;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/} (JSON only: a {@code .xml} resource is answered
 * 400), and the API keys its clients post with ({@code /api/v1/api-keys}, from the gateway
 * machine only until sign-in exists). Errors on the Open311 routes are the spec's
 * {@code [{"code":…,"description":…}]} with the same HTTP status; refused posts are logged and
 * counted, without personal data.
 */
public final class Open311Routes {
    private static final Logger log = LoggerFactory.getLogger(Open311Routes.class);
    static final String BASE = "/open311/v2";

    private final ServiceRequests requests;
    private final RequestIntake intake;
    private final ApiKeys keys;
    private final Town town;
    private final AtomicLong refused = new AtomicLong();

    public Open311Routes(ServiceRequests requests, RequestIntake intake, ApiKeys keys, Town town) {
        this.requests = requests;
        this.intake = intake;
        this.keys = keys;
        this.town = town;
    }

    /** A GeoReport error: its HTTP status is also its {@code code}. */
    static final class Open311Exception extends RuntimeException {
        final int code;

        Open311Exception(int code, String description) {
            super(description);
            this.code = code;
        }
    }

    record Error(int code, String description) {
    }

    void register(RoutesConfig r) {
        r.get(BASE + "/discovery.json", spec(this::discovery));
        r.get(BASE + "/services.json", spec(ctx -> ctx.json(Service.all(Lang.of(ctx)))));
        r.get(BASE + "/services/{code}", spec(ctx -> {
            format(ctx.pathParam("code"));
            throw new Open311Exception(400, "no service has attributes (metadata is false for every service)");
        }));
        r.get(BASE + "/requests.json", spec(this::search));
        r.post(BASE + "/requests.json", spec(this::create));
        r.get(BASE + "/requests/{id}", spec(this::one));
        for (String xml : List.of("/services.xml", "/requests.xml", "/discovery.xml")) {
            r.get(BASE + xml, spec(ctx -> format(xml)));
            r.post(BASE + xml, spec(ctx -> format(xml)));
        }
        r.post("/api/v1/api-keys", ctx -> {
            KeyRequest k = IncidentRoutes.body(ctx, KeyRequest.class);
            ctx.status(HttpStatus.CREATED).json(keys.create(k.name()));
        });
        r.get("/api/v1/api-keys", ctx -> {
            ctx.json(keys.all());
        });
        r.delete("/api/v1/api-keys/{id}", ctx -> {
            ctx.json(keys.revoke(ctx.pathParam("id")));
        });
    }

    record KeyRequest(String name) {
    }

    /** Wraps a handler so that every failure answers in the spec's error format. */
    private Handler spec(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (Open311Exception e) {
                error(ctx, e.code, e.getMessage());
            } catch (UnknownException e) {
                error(ctx, 404, e.getMessage());
            } catch (IllegalArgumentException e) {
                error(ctx, 400, e.getMessage());
            } catch (RuntimeException e) {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error");
            }
        };
    }

    private void error(Context ctx, int code, String description) {
        if ("POST".equals(ctx.method().name())) {
            refused.incrementAndGet();
            log.info("open311 request refused ({}): {}", code, description);
        }
        ctx.status(code).json(List.of(new Error(code, description == null ? "error" : description)));
    }

    /** Open311 posts refused since start (bad key, bad input). */
    long refused() {
        return refused.get();
    }

    /** The part of a resource name before {@code .json}; any other format is a 400. */
    private static String format(String resource) {
        if (resource.endsWith(".json")) {
            return resource.substring(0, resource.length() - 5);
        }
        throw new Open311Exception(400, "only JSON is supported: use .json");
    }

    private void discovery(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host() + BASE + "/";
        ctx.json(Map.of("changeset", "2026-12-01T00:00:00Z", "contact", town.name(), "key_service",
                "POST /api/v1/api-keys on the gateway", "endpoints", List.of(Map.of("specification",
                        "http://wiki.open311.org/GeoReport_v2", "url", base, "changeset", "2026-12-01T00:00:00Z",
                        "type", "production", "formats", List.of("application/json")))));
    }

    private void one(Context ctx) {
        String id = format(ctx.pathParam("id"));
        ServiceRequest r = requests.get(id, Lang.of(ctx))
                .orElseThrow(() -> new Open311Exception(404, "service_request_id " + id + " not found"));
        ctx.json(List.of(r));
    }

    private void search(Context ctx) {
        Optional<List<String>> ids = IncidentsApi.param(ctx, "service_request_id").map(Open311Routes::list);
        ids.ifPresent(l -> {
            if (l.size() > ServiceRequests.MAX) {
                throw new Open311Exception(400, "at most " + ServiceRequests.MAX + " service_request_id values");
            }
        });
        List<Category> codes = IncidentsApi.param(ctx, "service_code").map(Open311Routes::list).orElse(List.of())
                .stream().map(Open311Routes::category).toList();
        Optional<Instant> start = IncidentsApi.param(ctx, "start_date").map(d -> datetime(d, "start_date"));
        Optional<Instant> end = IncidentsApi.param(ctx, "end_date").map(d -> datetime(d, "end_date"));
        Optional<Boolean> open = IncidentsApi.param(ctx, "status").map(s -> {
            List<String> st = list(s);
            for (String x : st) {
                if (!x.equals("open") && !x.equals("closed")) {
                    throw new Open311Exception(400, "status must be open or closed");
                }
            }
            return st.contains("open") && st.contains("closed") ? null : st.contains("open");
        });
        ctx.json(requests.search(new ServiceRequests.Search(ids, codes, start, end, open), Lang.of(ctx)));
    }

    private void create(Context ctx) {
        String key = ctx.formParam("api_key");
        if (key == null || key.isBlank()) {
            throw new Open311Exception(403, "api_key is required");
        }
        String keyId = keys.verify(key.strip()).orElseThrow(() -> new Open311Exception(403, "api_key is not valid"));
        String code = ctx.formParam("service_code");
        if (code == null || code.isBlank()) {
            throw new Open311Exception(400, "service_code is required");
        }
        Category category;
        try {
            category = Category.of(code.strip());
        } catch (IllegalArgumentException e) {
            throw new Open311Exception(404, "service_code " + code.strip() + " not found");
        }
        Station station = location(ctx);
        Optional<String> phone = Optional.ofNullable(ctx.formParam("phone")).map(p -> p.replaceAll("[\\s()+-]", ""))
                .filter(p -> !p.isEmpty());
        Optional<String> note = Optional.ofNullable(ctx.formParam("description")).map(String::strip).filter(d -> !d.isEmpty());
        // the kiosk's rules for a villager's request: phone 5-20 digits, note at most 500 characters
        try {
            new WalkInRequest("check", category, Severity.NORMAL, phone, note, false);
        } catch (IllegalArgumentException e) {
            throw new Open311Exception(400, e.getMessage().replace("note", "description"));
        }
        Incident i = intake.file(station.id(), category, Severity.NORMAL, phone, note, false, "open311:" + keyId);
        ServiceRequest r = requests.get(i.id(), Lang.of(ctx)).orElseThrow();
        boolean en = "en".equals(Lang.of(ctx));
        String notice = en ? "Received at " + station.name() + "; expected by " + r.expectedDatetime().orElse("")
                : "已由" + station.name() + "受理，预计办结时间 " + r.expectedDatetime().orElse("") + "，请凭编号查询进度";
        ctx.json(List.of(Map.of("service_request_id", i.id(), "service_notice", notice)));
    }

    /** {@code address_id} (a station id) or {@code address_string} (a station's exact name); stations have no coordinates. */
    private Station location(Context ctx) {
        String addressId = ctx.formParam("address_id");
        if (addressId != null && !addressId.isBlank()) {
            return town.station(addressId.strip())
                    .orElseThrow(() -> new Open311Exception(400, "address_id " + addressId.strip() + " is not a station"));
        }
        String address = ctx.formParam("address_string");
        if (address != null && !address.isBlank()) {
            return town.stations().stream().filter(s -> s.name().equals(address.strip())).findFirst()
                    .orElseThrow(() -> new Open311Exception(400, "address_string must be a station's name; none is named "
                            + address.strip()));
        }
        if (ctx.formParam("lat") != null || ctx.formParam("long") != null) {
            throw new Open311Exception(400, "stations have no coordinates: give address_id (a station id) instead of lat/long");
        }
        throw new Open311Exception(400, "a location is required: address_id (a station id)");
    }

    private static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String x : s.split(",")) {
            if (!x.isBlank()) {
                out.add(x.strip());
            }
        }
        return out;
    }

    private static Category category(String code) {
        try {
            return Category.of(code);
        } catch (IllegalArgumentException e) {
            throw new Open311Exception(404, "service_code " + code + " not found");
        }
    }

    /** A W3C datetime with an offset ({@code 2026-11-01T00:00:00+08:00}, {@code …Z}), or a date (town midnight). */
    private Instant datetime(String s, String what) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(town.zone()).toInstant();
            }
            return OffsetDateTime.parse(s.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Exception(400, what + " must be a W3C datetime with an offset, e.g. 2026-11-01T00:00:00+08:00");
        }
    }
}
