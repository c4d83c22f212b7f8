package org.gridstation.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.credential.InternalCredential;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.Dialect;
import org.gridstation.gateway.store.StoreSettings;
import org.gridstation.gateway.town.Town;

/**
 * {@code ./gridstation bench load}: the county-scale load generator. Seeds a county-sized town
 * into a new gateway store, starts the gateway as its own JVM (embedded HiveMQ, or an external
 * Mosquitto: the bench's own on a free port unless {@code --mqtt-host/--mqtt-port} name one),
 * connects N simulated stations from this JVM ({@link LoadGenerator}), runs the raw-broker phase
 * and then the gateway phase of the chosen mode, and reports events per second stored and
 * acknowledged, publish-to-stored latency, the ratio to the raw broker, the gateway's CPU (from
 * {@code /proc/<pid>/stat}) and resident memory ({@code VmRSS}, {@code VmHWM}), and checks the
 * store: every event stored exactly once.
 */
public final class LoadBenchmark {
    /** A realistic evening: a busy day's 61 events per station within the 2.5-hour night duty. */
    public static double eveningRate(int stations) {
        return Math.max(1.0, stations * 61.0 / 9000.0);
    }

    /**
     * What to run. {@code warmup}: events per station the gateway stores in a burst before the
     * measured phases (0: none, the gateway's code still cold as after a restart).
     */
    public record Options(String mode, int stations, int events, int warmup, int seconds, double rate, String broker,
            Optional<String> mqttHost, Optional<Integer> mqttPort, List<String> gatewayJvm, Path data,
            StationCredentials credentials, StoreSettings store) {
        public Options {
            if (!mode.equals("burst") && !mode.equals("steady")) {
                throw new IllegalArgumentException("--mode must be steady or burst");
            }
            if (!broker.equals("embedded") && !broker.equals("mosquitto")) {
                throw new IllegalArgumentException("--broker must be embedded or mosquitto");
            }
            gatewayJvm = List.copyOf(gatewayJvm);
            if (warmup < 0) {
                throw new IllegalArgumentException("--warmup must be 0 or more events per station");
            }
        }
    }

    private final Options o;
    private final String mainClass;

    public LoadBenchmark(Options options, String mainClass) {
        this.o = options;
        this.mainClass = mainClass;
    }

    /** Runs the benchmark and returns its report. */
    public String run() throws Exception {
        Path gwData = o.data().resolve("gateway");
        long t0 = System.nanoTime();
        List<CountyTown.SeededStation> seeded;
        try (Database db = Database.open(o.store(), gwData)) {
            db.start();
            seeded = CountyTown.seed(new Town(db, ZoneId.of("Asia/Shanghai"), "基准县", Clock.systemUTC()), o.stations());
        }
        // The embedded broker admits only credentialed clients, and a station's own credential may
        // publish only its own topics, so the raw phase (gs/v1/benchraw/...) could not run on it.
        // The simulated stations therefore connect (as kiosk-<id>) with the gateway's internal
        // credential, which the gateway reads from the same file: full rights, one password check
        // at connect, no per-PUBLISH topic check (a real station's check is a string comparison).
        InternalCredential internal = InternalCredential.loadOrCreate(gwData);
        StationCredentials.Credentials full = new StationCredentials.Credentials(internal.username(), internal.password());
        StationCredentials issued = station -> o.credentials().forStation(station).or(() -> Optional.of(full));
        double seedSeconds = (System.nanoTime() - t0) / 1e9;

        Mosquitto mosquitto = null;
        Process gateway = null;
        LocalProcesses processes = new LocalProcesses(o.data());
        StringBuilder report = new StringBuilder();
        try {
            int httpPort = LocalProcesses.freePort();
            List<String> props = new ArrayList<>(List.of("data.dir=" + gwData, "http.host=127.0.0.1", "http.port=" + httpPort,
                    "town.name=基准县"));
            if (o.store().dialect() == Dialect.POSTGRESQL) {
                props.addAll(List.of("store=postgresql", "store.url=" + o.store().url().orElseThrow(),
                        "store.schema=" + o.store().schema().orElseThrow()));
            }
            String uri;
            String brokerText;
            if (o.broker().equals("embedded")) {
                int mqttPort = o.mqttPort().orElse(LocalProcesses.freePort());
                props.addAll(List.of("mqtt.broker=embedded", "mqtt.host=127.0.0.1", "mqtt.port=" + mqttPort));
                uri = "tcp://127.0.0.1:" + mqttPort;
                brokerText = "embedded HiveMQ CE (in the gateway JVM)";
            } else {
                if (o.mqttPort().isPresent()) {
                    uri = "tcp://" + o.mqttHost().orElse("127.0.0.1") + ":" + o.mqttPort().get();
                    brokerText = "external Mosquitto at " + uri;
                } else {
                    mosquitto = Mosquitto.start(o.data().resolve("mosquitto"));
                    uri = "tcp://127.0.0.1:" + mosquitto.port();
                    brokerText = "the bench's own Mosquitto (" + uri + ", persistence off)";
                }
                props.addAll(List.of("mqtt.broker=external", "mqtt.external.uri=" + uri));
            }
            Path config = o.data().resolve("gateway.properties");
            Files.writeString(config, String.join("\n", props) + "\n");
            gateway = processes.start(mainClass, List.of("gateway", "--config", config.toString()), o.gatewayJvm(), "gateway.log");
            Process gw = gateway;
            Mosquitto mq = mosquitto;
            Thread cleanup = new Thread(() -> {
                gw.destroy();
                if (mq != null) {
                    mq.kill();
                }
            });
            Runtime.getRuntime().addShutdownHook(cleanup);
            processes.awaitStatus("http://127.0.0.1:" + httpPort + "/healthz", gateway, Duration.ofSeconds(180));
            long gwPid = gateway.pid();

            try (LoadGenerator gen = new LoadGenerator(uri, seeded, issued)) {
                gen.subscribeAs(full);
                double connectSeconds = gen.connectAll(64);
                Duration timeout = Duration.ofMinutes(10);
                Optional<LoadGenerator.Phase> warm = Optional.empty();
                if (o.warmup() > 0) {
                    // a gateway that has been running: the ingest's code compiled by the JIT (an
                    // outage of the stations' network, not of the gateway)
                    warm = Optional.of(gen.burst(o.warmup(), timeout));
                    awaitProjected(o.store(), gwData, timeout); // the raw phase runs on a gateway at rest
                }
                LoadGenerator.Phase raw;
                Sample rawCpu = Sample.start(gwPid, mosquitto);
                if (o.mode().equals("burst")) {
                    raw = gen.rawBurst(o.events(), timeout);
                } else {
                    raw = gen.rawSteady(o.rate(), Duration.ofSeconds(o.seconds()), timeout);
                }
                rawCpu.stop();
                LoadGenerator.Phase g;
                Sample gwCpu;
                if (o.mode().equals("burst")) {
                    gen.disconnectAll();
                    gwCpu = Sample.start(gwPid, mosquitto);
                    g = gen.burst(o.events(), timeout);
                } else {
                    gwCpu = Sample.start(gwPid, mosquitto);
                    g = gen.steady(o.rate(), Duration.ofSeconds(o.seconds()), timeout);
                }
                // the acks come once an event is stored; its duty session or incident may follow
                // later, and the gateway's CPU for the phase includes that work
                double projectedAfter = awaitProjected(o.store(), gwData, timeout);
                gwCpu.stop();
                long rss = ProcessStats.statusKb(gwPid, "VmRSS");
                long hwm = ProcessStats.statusKb(gwPid, "VmHWM");
                long[] store = countEvents(o.store(), gwData);
                long published = g.messages() + warm.map(LoadGenerator.Phase::messages).orElse(0L);
                boolean exactlyOnce = store[0] == published && store[1] == published;

                report.append(String.format("""
                        GridStation load benchmark: %s, %,d stations%s; gateway JVM [%s]
                          broker:                                %s, store %s
                          seeding the county (%,d stations, %,d people): %.1f s; %,d stations connected in %.1f s
                        """, o.mode(), o.stations(),
                        o.mode().equals("burst") ? " × " + o.events() + " events backlog"
                                : String.format(" at %,.0f events/s for %d s, heartbeats every 30 s", o.rate(), o.seconds()),
                        String.join(" ", o.gatewayJvm()), brokerText, storeText(o.store()), o.stations(),
                        o.stations() * CountyTown.PEOPLE_PER_STATION, seedSeconds, o.stations(), connectSeconds));
                warm.ifPresent(w -> report.append(String.format("""
                          warm-up (not measured): a burst of %,d × %d events stored and acknowledged in %.1f s (%,.0f events/s), so the gateway's code is compiled
                        """, o.stations(), o.warmup(), w.drainSeconds(), w.rate())));
                report.append(String.format("""
                          raw broker (same messages, %d plain subscriber connections, no gateway):
                            %,d of %,d messages delivered (%,d dropped by the broker), %,.0f msg/s; publish to subscriber p50 %.1f ms, p99 %.1f ms, max %.1f ms
                            CPU during the phase: %s
                        """, gen.rawSubscriberConnections(), raw.completed(), raw.messages(), raw.messages() - raw.completed(), raw.rate(),
                        raw.p50Ms(), raw.p99Ms(), raw.maxMs(), rawCpu.text()));
                report.append(String.format("""
                          gateway (events stored and acknowledged to their station):
                            %,d events stored and acknowledged, %,.0f events/s%s
                            projections (duty sessions, incidents) caught up %.1f s after the last ack%s
                            ratio to the raw broker:             %.2f
                            publish to ack received p50 %.1f ms, p99 %.1f ms, max %.1f ms (publish to the ack's gatewayTime p50 %.0f ms, p99 %.0f ms)
                            resends %,d, duplicate acks %,d, disconnects %,d, heartbeats %,d
                            CPU during the phase: %s
                            gateway resident memory after:       VmRSS %d MB, peak VmHWM %d MB
                            store check: %,d rows in events, %,d distinct ids, %,d events published in all -> %s
                        """, g.completed(), g.rate(),
                        o.mode().equals("burst") ? String.format("; backlog drained in %.1f s from the reconnect", g.drainSeconds())
                                : String.format("; last ack %.2f s after the last publish", g.drainSeconds()),
                        projectedAfter,
                        o.mode().equals("burst") ? String.format(" (%.1f s from the reconnect)", g.drainSeconds() + projectedAfter) : "",
                        raw.rate() == 0 ? Double.NaN : g.rate() / raw.rate(),
                        g.p50Ms(), g.p99Ms(), g.maxMs(), g.gatewayP50Ms(), g.gatewayP99Ms(),
                        g.resends(), g.duplicateAcks(), g.disconnects(), g.heartbeats(), gwCpu.text(),
                        rss / 1024, hwm / 1024, store[0], store[1], published, exactlyOnce ? "every event stored exactly once" : "MISMATCH"));
                if (!exactlyOnce) {
                    report.append("  the store does not hold every event exactly once; see the gateway log in ").append(o.data()).append('\n');
                }
            }
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor();
            }
            if (mosquitto != null) {
                mosquitto.close();
            }
        }
        return report.toString();
    }

    private static String storeText(StoreSettings store) {
        return store.dialect() == Dialect.SQLITE ? "SQLite (synchronous=FULL)"
                : "PostgreSQL " + store.url().orElseThrow() + " schema " + store.schema().orElseThrow() + " (synchronous_commit as configured)";
    }

    /**
     * Waits until the gateway's {@code projection_cursor} shows every stored event projected
     * and returns the seconds waited; throws after {@code timeout}.
     */
    static double awaitProjected(StoreSettings store, Path dataDir, Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        try (Connection c = connect(store, dataDir); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT stored - projected FROM projection_cursor")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return (System.nanoTime() - t0) / 1e9;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gateway's projections did not catch up within " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Rows in {@code events} and distinct ids in the gateway's store. */
    static long[] countEvents(StoreSettings store, Path dataDir) throws Exception {
        try (Connection c = connect(store, dataDir)) {
            return countEvents(c);
        }
    }

    /** Rows in {@code events} and distinct ids, read from the gateway's SQLite file (WAL: the last commit). */
    static long[] countEvents(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return countEvents(c);
        }
    }

    private static long[] countEvents(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM events")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** A connection to the gateway's store: its SQLite file in {@code dataDir}, or the PostgreSQL schema. */
    private static Connection connect(StoreSettings store, Path dataDir) throws Exception {
        return store.dialect() == Dialect.SQLITE
                ? DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db")) : store.connect();
    }

    /** CPU used by the gateway, the bench's Mosquitto if any, and this JVM (with its threads and memory) over one phase. */
    private static final class Sample {
        private final long gwPid;
        private final Mosquitto mosquitto;
        private final long t0 = System.nanoTime();
        private final double gw0;
        private final double mq0;
        private final double own0;
        private final java.util.Map<String, Double> threads0;
        private String text = "";

        private Sample(long gwPid, Mosquitto mosquitto) throws Exception {
            this.gwPid = gwPid;
            this.mosquitto = mosquitto;
            gw0 = ProcessStats.cpuSeconds(gwPid);
            threads0 = ProcessStats.cpuSecondsByThread(gwPid);
            mq0 = mosquitto == null ? 0 : ProcessStats.cpuSeconds(mosquitto.pid());
            own0 = ProcessStats.ownCpuSeconds();
            java.lang.management.ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        }

        static Sample start(long gwPid, Mosquitto mosquitto) throws Exception {
            return new Sample(gwPid, mosquitto);
        }

        void stop() throws Exception {
            double wall = (System.nanoTime() - t0) / 1e9;
            double gw = ProcessStats.cpuSeconds(gwPid) - gw0;
            double own = ProcessStats.ownCpuSeconds() - own0;
            StringBuilder b = new StringBuilder(String.format("gateway JVM %.2f cores", gw / wall));
            b.append(busiestThreads(ProcessStats.cpuSecondsByThread(gwPid), wall));
            if (mosquitto != null) {
                b.append(String.format(", Mosquitto %.2f cores", (ProcessStats.cpuSeconds(mosquitto.pid()) - mq0) / wall));
            }
            int threads = java.lang.management.ManagementFactory.getThreadMXBean().getPeakThreadCount();
            long rss = ProcessStats.statusKb(ProcessHandle.current().pid(), "VmRSS");
            b.append(String.format(", load generator %.2f cores, peak %,d threads, VmRSS %d MB after (over %.1f s)",
                    own / wall, threads, rss / 1024, wall));
            text = b.toString();
        }

        String text() {
            return text;
        }

        /** The gateway's five busiest thread groups over the phase, in cores: where a serial limit shows. */
        private String busiestThreads(java.util.Map<String, Double> now, double wall) {
            java.util.List<java.util.Map.Entry<String, Double>> used = new java.util.ArrayList<>();
            now.forEach((name, cpu) -> used.add(java.util.Map.entry(name, cpu - threads0.getOrDefault(name, 0.0))));
            used.sort(java.util.Map.Entry.<String, Double>comparingByValue().reversed());
            StringBuilder b = new StringBuilder(" (");
            for (int i = 0; i < Math.min(5, used.size()); i++) {
                b.append(i == 0 ? "" : ", ").append(String.format("%s %.2f", used.get(i).getKey(), used.get(i).getValue() / wall));
            }
            return b.append(')').toString();
        }
    }
}
