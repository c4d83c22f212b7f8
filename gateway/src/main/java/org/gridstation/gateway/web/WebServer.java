package org.gridstation.gateway.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.gridstation.gateway.auth.AccessDeniedException;
import org.gridstation.gateway.auth.Auth;
import org.gridstation.gateway.auth.NotSignedInException;
import org.gridstation.gateway.auth.ThrottledException;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.downlink.StationDownlinks;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.ingest.Ingest;
import org.gridstation.gateway.metrics.GatewayMetrics;
import org.gridstation.gateway.roster.Coverage;
import org.gridstation.gateway.roster.RosterFeature;
import org.gridstation.gateway.roster.Swaps;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's Javalin server: the route table and the one place errors become status codes. */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final Optional<HttpsListener> https;

    public WebServer(Town town, StationMonitor monitor, DutyLog duty, Incidents incidents, Coverage coverage,
            Badges badges, Ingest ingest, StationDownlinks wall, Clock clock, RosterFeature roster,
            IncidentRoutes incidentRoutes, FleetRoutes fleetRoutes, GatewayMetrics metrics, LiveFeed live,
            StatsRoutes statsRoutes, Open311Routes open311Routes, StationMqttRoutes mqttRoutes, Auth auth,
            Optional<HttpsListener> https) {
        StationsApi stations = new StationsApi(town, monitor, duty, incidents, auth.scope());
        this.https = https;
        AccessControl access = new AccessControl(auth, () -> https.map(HttpsListener::port).orElse(-1));
        AuthRoutes authRoutes = new AuthRoutes(auth);
        AuditRoutes auditRoutes = new AuditRoutes(auth.audit(), town.zone());
        PublicPages pages = new PublicPages(town, wall, coverage, incidents, clock);
        RosterApi rosterApi = new RosterApi(town, roster, clock, auth.scope());
        RosterPages rosterPages = new RosterPages(town, roster, clock);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            https.ifPresent(h -> {
                // Javalin adds its plain connector only when none is configured: add it too, on
                // the host and port start() sets
                config.jetty.addConnector((server, plain) -> {
                    org.eclipse.jetty.server.ServerConnector c = new org.eclipse.jetty.server.ServerConnector(server,
                            new org.eclipse.jetty.server.HttpConnectionFactory(plain));
                    c.setHost(config.jetty.host);
                    c.setPort(config.jetty.port);
                    return c;
                });
                config.jetty.addConnector(h::connector);
            });
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add("/gateway-web", Location.CLASSPATH);
            access.register(config.routes);
            authRoutes.register(config.routes);
            auditRoutes.register(config.routes);
            config.routes.get("/", WebServer::dashboard);
            config.routes.get("/healthz", ctx -> ctx.result("ok"));
            config.routes.get("/stations/{id}", pages::station);
            config.routes.get("/tickets/{ticket}", pages::ticket);
            config.routes.get("/api/v1/stations", stations::list);
            config.routes.get("/api/v1/stations/{id}", stations::one);
            incidentRoutes.register(config.routes);
            fleetRoutes.register(config.routes);
            mqttRoutes.register(config.routes);
            live.register(config.routes);
            config.routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
            statsRoutes.register(config.routes);
            open311Routes.register(config.routes);
            config.routes.get("/api/v1/coverage", ctx -> coverage(ctx, town, coverage));
            rosterApi.register(config.routes);
            rosterPages.register(config.routes);
            config.routes.get("/api/v1/ingest", ctx -> ctx.json(ingest.stats()));
            config.routes.get("/api/v1/people/{id}/badge.png", ctx -> {
                byte[] png = badges.cardPng(badges.current(ctx.pathParam("id"), Duration.ofDays(365)));
                ctx.contentType("image/png").result(png);
            });
            config.routes.post("/api/v1/badges/rotate-key", ctx -> {
                String keyId = badges.rotateKey();
                ctx.json(Map.of("keyId", keyId, "published", badges.publicKeys().keys().stream().map(k -> k.keyId()).toList()));
            });
            config.routes.exception(UnknownException.class, (e, ctx) -> {
                if (ctx.path().startsWith("/api/")) {
                    error(ctx, HttpStatus.NOT_FOUND, e.getMessage());
                } else {
                    boolean en = "en".equals(Lang.of(ctx));
                    ctx.status(HttpStatus.NOT_FOUND).contentType("text/html; charset=utf-8").result(Html.page(Lang.of(ctx),
                            en ? "Not found" : "未找到", en ? "<p>No such station or ticket. Please check the number.</p>"
                                    : "<p>没有找到该站点或诉求编号，请核对后再试。</p>"));
                }
            });
            config.routes.exception(IncidentDesk.ConflictException.class,
                    (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e.getMessage()));
            config.routes.exception(Swaps.ConflictException.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e.getMessage()));
            config.routes.exception(AccessDeniedException.class, (e, ctx) -> error(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
            config.routes.exception(NotSignedInException.class, (e, ctx) -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"gridstation\"");
                error(ctx, HttpStatus.UNAUTHORIZED, e.getMessage());
            });
            config.routes.exception(ThrottledException.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
                error(ctx, HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
            });
        });
    }

    /** The command centre's page (its scripts and styles are static files). */
    private static void dashboard(Context ctx) throws java.io.IOException {
        try (java.io.InputStream in = WebServer.class.getResourceAsStream("/gateway-pages/dashboard.html")) {
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    /** Every registered route as "METHOD /path", for the access-rule completeness test. */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(p -> p.endpoint.method.isHttpMethod())
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path).toList();
    }

    private static void coverage(Context ctx, Town town, Coverage coverage) {
        String d = ctx.queryParam("date");
        LocalDate date;
        if (d == null || d.isBlank()) {
            date = town.today();
        } else {
            try {
                date = LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("date must be YYYY-MM-DD");
            }
        }
        String grid = ctx.queryParam("grid");
        ctx.json(Map.of("date", date, "shifts", grid == null || grid.isBlank() ? coverage.on(date, Lang.of(ctx))
                : coverage.on(date, grid, Lang.of(ctx))));
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? status.getMessage() : message, "status", status.getCode()));
    }

    /** Starts listening; port 0 picks a free one. */
    public void start(String host, int port) {
        app.start(host, port);
    }

    /** The plain HTTP listener's actual port. */
    public int port() {
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.ServerConnector sc && sc.getConnectionFactory(SslConnectionFactory.class) == null) {
                return sc.getLocalPort();
            }
        }
        return app.port();
    }

    /** The HTTPS listener's actual port, if there is one. */
    public Optional<Integer> httpsPort() {
        return https.map(HttpsListener::port);
    }

    @Override
    public void close() {
        app.stop();
    }
}
