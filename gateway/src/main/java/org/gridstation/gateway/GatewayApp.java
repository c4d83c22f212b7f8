package org.gridstation.gateway;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.audit.AuditLog;
import org.gridstation.gateway.auth.Auth;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.broker.BrokerSecurity;
import org.gridstation.gateway.broker.EmbeddedBroker;
import org.gridstation.gateway.cluster.Lease;
import org.gridstation.gateway.credential.InternalCredential;
import org.gridstation.gateway.credential.MqttRefusals;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.gateway.downlink.Downlinks;
import org.gridstation.gateway.downlink.StationDownlinks;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.duty.DutyProjection;
import org.gridstation.gateway.duty.OnDutyPublisher;
import org.gridstation.gateway.fleet.FleetSettings;
import org.gridstation.gateway.incident.Departments;
import org.gridstation.gateway.incident.Escalations;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.IncidentProjection;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.incident.NoShowIncident;
import org.gridstation.gateway.incident.TimeLimitTable;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.ingest.Ingest;
import org.gridstation.gateway.ingest.IngestStats;
import org.gridstation.gateway.metrics.GatewayMetrics;
import org.gridstation.gateway.mqtt.GatewayMqtt;
import org.gridstation.gateway.notify.Deliveries;
import org.gridstation.gateway.notify.Notifier;
import org.gridstation.gateway.notify.Webhooks;
import org.gridstation.gateway.open311.ApiKeys;
import org.gridstation.gateway.open311.RequestIntake;
import org.gridstation.gateway.open311.ServiceRequests;
import org.gridstation.gateway.points.Points;
import org.gridstation.gateway.points.PointsReport;
import org.gridstation.gateway.roster.Coverage;
import org.gridstation.gateway.roster.DutyFlags;
import org.gridstation.gateway.roster.RosterFeature;
import org.gridstation.gateway.roster.RosterPlanner;
import org.gridstation.gateway.roster.RosterRules;
import org.gridstation.gateway.roster.RosterStore;
import org.gridstation.gateway.roster.Swaps;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.gateway.stats.IncidentStats;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.tls.TownCertificates;
import org.gridstation.gateway.web.FleetRoutes;
import org.gridstation.gateway.web.HttpsListener;
import org.gridstation.gateway.web.IncidentRoutes;
import org.gridstation.gateway.web.LiveFeed;
import org.gridstation.gateway.web.Open311Routes;
import org.gridstation.gateway.web.StationMqttRoutes;
import org.gridstation.gateway.web.StatsRoutes;
import org.gridstation.gateway.web.WebServer;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: store, broker (if embedded), MQTT client, ingest, station monitor, retained
 * downlinks and web server, started in that order by {@link #start(GatewayConfig)} and closed in
 * reverse by {@link #close()}. Closing commits and acknowledges every event already received.
 */
public final class GatewayApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);

    /** How often the roster's live rules run (their deadlines follow the gateway clock). */
    static final java.time.Duration ROSTER_RULES_PERIOD = java.time.Duration.ofSeconds(5);
    /** How long the scheduler lease outlives its holder: the longest pause of scheduled work when an instance dies. */
    static final java.time.Duration SCHEDULER_LEASE = java.time.Duration.ofSeconds(15);

    private final GatewayConfig config;
    private final Clock clock;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int mqttPort;
    private Optional<Integer> mqttTlsPort = Optional.empty();
    private TownCertificates certificates;
    private String mqttUri;
    private Town town;
    private Badges badges;
    private Departments departments;
    private Auth auth;
    private StationCredentials credentials;
    private final MqttRefusals mqttRefusals = new MqttRefusals();
    private InternalCredential internal;
    private Ingest ingest;
    /** The broker in this process, or null with an external one. */
    private EmbeddedBroker embeddedBroker;
    private WebServer web;
    /** Set once the web server listens: before that its port is unknown (and asking Javalin fails). */
    private volatile boolean webStarted;
    private RosterFeature roster;
    private IncidentDesk desk;
    private RequestIntake intake;
    private boolean closed;

    private GatewayApp(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Builds and starts a gateway on the system clock; on failure, stops what had started and rethrows. */
    public static GatewayApp start(GatewayConfig config) {
        // Millisecond precision: what the store keeps and the API shows.
        return start(config, Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)));
    }

    /**
     * Builds and starts a gateway whose timers, deadlines and "today" follow {@code clock} (tests
     * move it by hand); on failure, stops what had started and rethrows.
     */
    public static GatewayApp start(GatewayConfig config, Clock clock) {
        GatewayApp app = new GatewayApp(config, clock);
        try {
            app.startAll();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        // The store first: the embedded broker's authenticator reads the stations' credentials.
        Database db = Database.open(config.store(), config.dataDir());
        db.start();
        started.push(db);
        // of several instances on one store, the holder of this lease runs the scheduled work
        Lease scheduler = new Lease(db, "scheduler", config.instanceId(), SCHEDULER_LEASE, Clock.systemUTC());
        scheduler.start();
        started.push(scheduler);
        // the statistics' rollup, built once for a store from before it (or for another zone)
        org.gridstation.gateway.stats.TimerDays.ensure(db, config.zone(), clock);
        org.gridstation.gateway.stats.MonthCells.ensure(db, config.zone(), clock);
        org.gridstation.gateway.stats.MonthCellsRefresher cells =
                new org.gridstation.gateway.stats.MonthCellsRefresher(db, config.zone());
        cells.start();
        started.push(cells);
        credentials = new StationCredentials(db, clock);
        internal = InternalCredential.loadOrCreate(config.dataDir());
        if (config.broker() == BrokerMode.EMBEDDED) {
            EmbeddedBroker broker = new EmbeddedBroker(config.dataDir().resolve("broker"), config.mqttHost(), config.mqttPort(),
                    new BrokerSecurity(credentials, internal, mqttRefusals),
                    config.tls().mqttTlsPort().map(p -> new EmbeddedBroker.TlsListener(p, certificates().server())),
                    config.brokerPersistence());
            broker.start();
            started.push(broker);
            embeddedBroker = broker;
            credentials.onRevoke(broker::disconnectStation);
            mqttPort = broker.port();
            mqttTlsPort = broker.tlsPort();
            String host = "0.0.0.0".equals(config.mqttHost()) || "::".equals(config.mqttHost()) ? "127.0.0.1" : config.mqttHost();
            mqttUri = "tcp://" + host + ":" + mqttPort;
        } else {
            mqttUri = config.externalBrokerUri().orElseThrow();
            mqttPort = Integer.parseInt(mqttUri.substring(mqttUri.lastIndexOf(':') + 1));
        }

        town = new Town(db, config.zone(), config.townName(), clock);
        badges = new Badges(db, town, config.dataDir().resolve("keys"), clock);

        // On its own broker the gateway takes the events in process (EventTap), not by subscription.
        List<String> filters = new java.util.ArrayList<>(List.of(Topics.allStations(Topics.Kind.STATUS),
                Topics.allStations(Topics.Kind.HEARTBEAT)));
        if (embeddedBroker == null) {
            filters.add(0, shared(Topics.Kind.EVENTS));
        }
        GatewayMqtt mqtt = new GatewayMqtt(mqttUri, "gateway-" + config.instanceId(), filters, internal.username(),
                internal.password());
        if (config.sharedGroup().isPresent()) {
            mqtt.sessionExpiry(0); // a dead instance's session must not keep taking its share of the events
        }
        if (mqttUri.startsWith("ssl://")) {
            mqtt.trustOnly(certificates().caFile()); // an external broker over TLS, on the town's certificate
        }
        StationMonitor monitor = new StationMonitor(db, config.heartbeatTimeout(), clock);
        Notifier notifier = new Notifier(clock);
        IncidentDesk desk = new IncidentDesk(db, town, notifier, clock);
        ingest = new Ingest(db, embeddedBroker == null ? mqtt : embeddedBroker.localPublisher(), monitor,
                List.of(new DutyProjection(), new IncidentProjection(desk)), clock);
        ingest.start();
        if (embeddedBroker != null) {
            embeddedBroker.events().listen(ingest);
        }
        mqtt.start(ingest, 10_000);
        started.push(mqtt);
        started.push(ingest);
        GatewayMqtt downlinkMqtt = mqtt;
        if (embeddedBroker == null) {
            downlinkMqtt = downlinkConnection(mqttUri);
            // a broker not reachable yet was already waited for once
            downlinkMqtt.startPublishing(mqtt.isConnected() ? 10_000 : 0);
            started.push(downlinkMqtt);
        }

        monitor.start();
        started.push(monitor);
        StationDownlinks wall = new StationDownlinks(town, station -> Optional.of(baseUrl() + "/stations/" + station));
        Incidents incidents = new Incidents(db);
        FleetSettings fleet = new FleetSettings(db, town, clock);
        Downlinks downlinks = new Downlinks(db, town, badges, downlinkMqtt, clock, wall, incidents, fleet);
        town.onChange(downlinks::requestRefresh);
        badges.onRevocation(downlinks::requestRefresh);
        downlinkMqtt.onConnect(downlinks::republishAll);
        downlinks.start();
        started.push(downlinks);

        DutyLog duty = new DutyLog(db);
        OnDutyPublisher onDuty = new OnDutyPublisher(duty, downlinkMqtt, clock);
        downlinkMqtt.onConnect(onDuty::republish);
        onDuty.start();
        started.push(onDuty);
        departments = new Departments(db);
        LiveFeed live = new LiveFeed();
        started.push(live);
        desk.onChange(stations -> {
            downlinks.requestTickets(stations);
            live.changed();
        });
        monitor.onTransition(station -> live.changed());
        onDuty.onChange(live::changed);
        fleet.onChange(() -> {
            downlinks.requestRefresh();
            live.changed();
        });
        Escalations escalations = new Escalations(desk);
        escalations.runOnlyWhile(scheduler);
        escalations.start();
        started.push(escalations);
        Deliveries deliveries = new Deliveries(db, clock);
        notifier.onQueued(deliveries::wake);
        deliveries.runOnlyWhile(scheduler);
        deliveries.start();
        started.push(deliveries);
        auth = new Auth(db, town, incidents, new AuditLog(db, clock), config.dataDir(), clock);
        auth.ensureAdmin();
        IncidentRoutes incidentRoutes = new IncidentRoutes(new IncidentRoutes.Services(incidents, desk, new Whistles(desk),
                departments, new TimeLimitTable(db), new Webhooks(db, clock), deliveries), auth.scope(), config.zone(), clock);
        this.desk = desk;
        this.intake = new RequestIntake(db, desk, town, clock);
        roster = roster(db, duty);
        RosterRules rules = new RosterRules(db, town, duty, roster.flags(), roster.alerts(), roster.points(), clock,
                noShow -> desk.raise(NoShowIncident.id(noShow), noShow.stationId(), Optional.ofNullable(noShow.gridId()),
                        Category.OTHER, Severity.MAJOR, NoShowIncident.note(noShow)),
                conflict -> { }); // one badge at two stations is an alert (RosterRules raises it), not an incident
        rules.runOnlyWhile(scheduler);
        rules.start(ROSTER_RULES_PERIOD, roster.planner()::extendAhead);
        started.push(rules);
        web = new WebServer(town, monitor, duty, incidents, roster.coverage(), badges, ingest, wall, clock, roster,
                incidentRoutes, new FleetRoutes(fleet, monitor), new GatewayMetrics(db, town, monitor, ingest::stats, mqttRefusals::byStation,
                        Optional.ofNullable(GatewayApp.class.getPackage().getImplementationVersion()).orElse("dev")),
                live, new StatsRoutes(new IncidentStats(db, town, clock), town),
                new Open311Routes(new ServiceRequests(incidents, town, new TimeLimitTable(db), clock), intake,
                        new ApiKeys(db, clock), town), new StationMqttRoutes(credentials, mqttRefusals, town), auth,
                config.tls().httpsPort().map(p -> new HttpsListener(config.httpHost(), p, certificates().server())));
        web.start(config.httpHost(), config.httpPort());
        webStarted = true;
        started.push(web);
        log.info("gateway {} started in {} ms: http port {}{}, mqtt {}{}", config.instanceId(),
                (System.nanoTime() - t0) / 1_000_000, web.port(), web.httpsPort().map(p -> ", https port " + p).orElse(""),
                mqttUri, mqttTlsPort.map(p -> ", mqtt over TLS port " + p).orElse(""));
    }

    private RosterFeature roster(Database db, DutyLog duty) {
        RosterStore store = new RosterStore(db);
        RosterPlanner planner = new RosterPlanner(town, store, clock);
        Points points = new Points(db, town, clock);
        return new RosterFeature(store, planner, new Swaps(town, store, planner, clock), new Coverage(town, duty),
                new DutyFlags(db), new Alerts(db, clock), points, new PointsReport(points, town),
                new org.gridstation.gateway.calendar.CalendarFeeds(db, town, clock));
    }

    /**
     * Events are shared between gateway instances when a group is configured (each stored once by
     * one instance); status and heartbeats are not, so every instance knows every station's state.
     */
    private String shared(Topics.Kind kind) {
        String f = Topics.allStations(kind);
        return config.sharedGroup().map(g -> Topics.shared(g, f)).orElse(f);
    }

    /**
     * With an external broker, the connection the downlinks (retained, QoS 1) go out on: one of
     * their own, not the one that takes the events. Mosquitto answers a client's QoS 1 publish
     * only after the messages already queued for that client, so during a county burst the
     * downlinks' PUBACKs on the events connection came only once the burst was delivered. Paho
     * counts every publish, QoS 0 too, against the broker's receive maximum: with 1,000 downlinks
     * unanswered the stations' acks (QoS 0) waited as well, for up to 11 s, and the stations that
     * heard nothing for 15 s re-sent (docs/scaling.md, round 7).
     */
    private GatewayMqtt downlinkConnection(String mqttUri) {
        GatewayMqtt c = new GatewayMqtt(mqttUri, "gateway-" + config.instanceId() + "-downlinks", List.of(),
                internal.username(), internal.password());
        c.sessionExpiry(0); // it subscribes to nothing: no session to keep
        if (mqttUri.startsWith("ssl://")) {
            c.trustOnly(certificates().caFile());
        }
        return c;
    }

    /** The town's certificates, created or renewed on first use (only when TLS is configured). */
    private TownCertificates certificates() {
        if (certificates == null) {
            try {
                certificates = TownCertificates.ensure(config.dataDir(), config.townName(), config.tls().hostsOrDefault(), clock);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read or write the town's certificates in "
                        + config.dataDir().resolve(TownCertificates.FOLDER), e);
            }
        }
        return certificates;
    }

    /** The HTTPS listener's actual port, if the gateway has one. */
    public Optional<Integer> httpsPort() {
        return web.httpsPort();
    }

    /** The embedded broker's MQTT-over-TLS port, if it has one. */
    public Optional<Integer> mqttTlsPort() {
        return mqttTlsPort;
    }

    /** The town's root certificate file, if the gateway speaks TLS. */
    public Optional<java.nio.file.Path> caFile() {
        return Optional.ofNullable(certificates).map(TownCertificates::caFile);
    }

    private String baseUrl() {
        // the downlinks' first pass runs while the web server is still starting (a county's pass
        // takes seconds): Javalin's port() fails before start, so use the configured port until then
        return config.baseUrl(webStarted ? web.port() : config.httpPort());
    }

    /** The configuration it was started with. */
    public GatewayConfig config() {
        return config;
    }

    /** The web server's actual port. */
    public int httpPort() {
        return web.port();
    }

    /** The embedded broker's actual port, or the external broker's. */
    public int mqttPort() {
        return mqttPort;
    }

    /** The broker URI kiosks and tests connect to, e.g. {@code tcp://127.0.0.1:41234}. */
    public String mqttUri() {
        return mqttUri;
    }

    /** The dashboard's URL. */
    public String dashboardUrl() {
        return baseUrl() + "/";
    }

    /** The clock the gateway runs on. */
    public Clock clock() {
        return clock;
    }

    /** Sign-in, accounts, API tokens and the audit log. */
    public Auth auth() {
        return auth;
    }

    public Town town() {
        return town;
    }

    public Departments departments() {
        return departments;
    }

    /** The incident desk: every change to an incident (tests drive it directly on their clock). */
    public IncidentDesk incidentDesk() {
        return desk;
    }

    /** Files incidents that do not come from a kiosk (Open311 clients, tests). */
    public RequestIntake intake() {
        return intake;
    }

    public Badges badges() {
        return badges;
    }

    /** Rosters, coverage, alerts and points (e.g. {@code roster().points().award(…)}). */
    public RosterFeature roster() {
        return roster;
    }

    /** The stations' MQTT credentials (issue, revoke; the tests' simulated kiosks get theirs here). */
    public StationCredentials stationCredentials() {
        return credentials;
    }

    /** What the embedded broker refused since start, by station and reason. */
    public MqttRefusals mqttRefusals() {
        return mqttRefusals;
    }

    /** The gateway's own MQTT credential (full rights on the broker). */
    public InternalCredential internalCredential() {
        return internal;
    }

    public IngestStats ingestStats() {
        return ingest.stats();
    }

    /**
     * Stops the web server, downlinks and monitor, then the ingest (which commits and acknowledges
     * what it holds while the MQTT connection is still up), then MQTT, the store and the broker.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("gateway {} stopped", config.instanceId());
    }
}
