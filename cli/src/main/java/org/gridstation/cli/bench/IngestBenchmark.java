package org.gridstation.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.gateway.duty.DutyProjection;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.IncidentProjection;
import org.gridstation.gateway.ingest.Ingest;
import org.gridstation.gateway.ingest.IngestStats;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.notify.Notifier;
import org.gridstation.gateway.notify.WebhookFormat;
import org.gridstation.gateway.notify.Webhooks;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.gateway.stats.MonthCells;
import org.gridstation.gateway.stats.TimerDays;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.StoreSettings;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;

/**
 * {@code ./gridstation bench ingest}: the gateway's ingest writer alone, without a broker. Seeds
 * the county town ({@link CountyTown}) into a new SQLite store, builds every station's backlog from
 * the {@link EventMix}, serializes each event as a kiosk publishes it, and hands the payloads to the
 * gateway's {@link Ingest} (parsing, the writer's fair batches, the store, the duty and incident
 * projections, the acks) as its MQTT callback would, station by station in turn. The
 * {@link Publisher} only reads the acks it is handed and counts the event ids they name. Reports
 * events per second stored and acknowledged (first hand-over to the last ack), the
 * {@code ingest-writer} thread's CPU time ({@link ThreadMXBean}) and its microseconds per event,
 * and checks {@code count(*)} and {@code count(DISTINCT id)} of {@code events}.
 */
public final class IngestBenchmark {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String WRITER_THREAD = "ingest-writer";
    private static final String ACK_THREAD = "ingest-acks";

    /**
     * What to run.
     *
     * @param stations stations of the county town
     * @param events events in each station's backlog
     * @param webhooks webhooks to configure: the first town-wide, the others one per village grid
     * @param data a folder for the store
     */
    public record Options(int stations, int events, int webhooks, Path data) {
    }

    private final Options o;

    public IngestBenchmark(Options options) {
        this.o = options;
    }

    /** Runs the benchmark and returns its report. */
    public String run() throws Exception {
        String loadBefore = loadAverage();
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        Path gwData = o.data().resolve("gateway");
        try (Database db = Database.open(StoreSettings.sqlite(), gwData)) {
            db.start();
            TimerDays.ensure(db, ZONE, clock);
            MonthCells.ensure(db, ZONE, clock);
            long t0 = System.nanoTime();
            Town town = new Town(db, ZONE, "基准县", clock);
            List<CountyTown.SeededStation> seeded = CountyTown.seed(town, o.stations());
            seedWebhooks(db, clock, town);
            double seedSeconds = (System.nanoTime() - t0) / 1e9;

            List<String> topics = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            prepare(seeded, topics, payloads);
            long total = payloads.size();

            AckCounter acks = new AckCounter();
            Notifier notifier = new Notifier(clock);
            IncidentDesk desk = new IncidentDesk(db, town, notifier, clock);
            Ingest ingest = new Ingest(db, acks, new StationMonitor(db, Duration.ofSeconds(90), clock),
                    List.of(new DutyProjection(), new IncidentProjection(desk)), clock);
            ingest.start();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long writer = threadId(WRITER_THREAD);
            long acker = threadId(ACK_THREAD);
            long writerCpu0 = mx.getThreadCpuTime(writer);
            long ackCpu0 = mx.getThreadCpuTime(acker);
            long feedCpu0 = mx.getCurrentThreadCpuTime();
            double processCpu0 = ProcessStats.ownCpuSeconds();
            long start = System.nanoTime();
            for (int i = 0; i < payloads.size(); i++) {
                ingest.onMessage(topics.get(i), payloads.get(i), false);
                payloads.set(i, null);
            }
            long fed = System.nanoTime();
            long feedCpu = mx.getCurrentThreadCpuTime() - feedCpu0;
            boolean done = acks.await(total, Duration.ofMinutes(30));
            long end = acks.lastNanos();
            // the ack comes once an event is stored; its projections run after, on the same thread
            long projectedBy = System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();
            while (ingest.stats().unprojected() > 0 && System.currentTimeMillis() < projectedBy) {
                Thread.sleep(10);
            }
            long projected = System.nanoTime();
            long writerCpu = mx.getThreadCpuTime(writer) - writerCpu0;
            long ackCpu = mx.getThreadCpuTime(acker) - ackCpu0;
            double processCpu = ProcessStats.ownCpuSeconds() - processCpu0;
            double wall = (end - start) / 1e9;
            IngestStats stats = ingest.stats();
            ingest.close();
            long[] store = LoadBenchmark.countEvents(gwData.resolve("gateway.db"));
            boolean exactlyOnce = done && store[0] == total && store[1] == total;
            return String.format("""
                    GridStation ingest benchmark (the writer alone, no broker): %,d stations × %,d events, %,d webhooks
                      store:                 SQLite (synchronous=FULL) in %s
                      seeding the county:    %.1f s (%,d stations, %,d people)
                      %,d events stored and acknowledged of %,d, in %.2f s: %,.0f events/s (all handed over after %.2f s)
                      projections (duty sessions, incidents) of all of them done after %.2f s: %,.0f events/s
                      ingest-writer thread:  %.2f CPU-s, %.1f µs per event (%.2f cores over the run)
                      other threads:         parsing (the caller) %.2f CPU-s, acks %.2f CPU-s; the JVM %.2f CPU-s in all
                      writer:                %,d batches, %,d accepted, %,d duplicates, %,d rejected
                      store check:           %,d rows in events, %,d distinct ids, %,d events handed over -> %s
                      load average (1 min) before / after: %s / %s
                    """, o.stations(), o.events(), o.webhooks(), gwData, seedSeconds, o.stations(),
                    o.stations() * CountyTown.PEOPLE_PER_STATION, acks.acked(), total, wall, acks.acked() / wall,
                    (fed - start) / 1e9, (projected - start) / 1e9, total / ((projected - start) / 1e9), writerCpu / 1e9, writerCpu / 1e3 / Math.max(1, total), writerCpu / 1e9 / wall,
                    feedCpu / 1e9, ackCpu / 1e9, processCpu, stats.batches(), stats.accepted(), stats.duplicates(),
                    stats.rejected(), store[0], store[1], total,
                    exactlyOnce ? "every event stored exactly once" : "MISMATCH", loadBefore, loadAverage());
        }
    }

    /** The first webhook town-wide, each further one for a village grid (as a county's village groups would be). */
    private void seedWebhooks(Database db, Clock clock, Town town) {
        Webhooks webhooks = new Webhooks(db, clock);
        List<String> villages = town.children(CountyTown.COUNTY_GRID).stream().map(g -> g.id()).toList();
        for (int i = 0; i < o.webhooks(); i++) {
            Optional<String> grid = i == 0 || villages.isEmpty() ? Optional.empty()
                    : Optional.of(villages.get((i - 1) % villages.size()));
            webhooks.put("hook-" + i, "bench " + i, "http://127.0.0.1:9/hook-" + i, WebhookFormat.values()[0], grid,
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * Every station's backlog, serialized as its kiosk publishes it, interleaved a station at a time
     * (a county's reconnect delivers the backlogs side by side); each station's in {@code seq} order.
     */
    private void prepare(List<CountyTown.SeededStation> seeded, List<String> topics, List<byte[]> payloads) {
        Instant now = Instant.now();
        List<EventMix> mixes = new ArrayList<>();
        for (int i = 0; i < seeded.size(); i++) {
            mixes.add(new EventMix(seeded.get(i).stationId(), seeded.get(i).people(), i));
        }
        for (int k = 0; k < o.events(); k++) {
            for (int i = 0; i < seeded.size(); i++) {
                topics.add(Topics.events(seeded.get(i).stationId()));
                payloads.add(Json.write(mixes.get(i).next(now)));
            }
        }
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name)).getId();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** A publisher that reads the acks it is handed and counts the event ids they name. */
    private static final class AckCounter implements Publisher {
        private final AtomicLong acked = new AtomicLong();
        private final AtomicLong last = new AtomicLong();

        @Override
        public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
            Ack ack = Json.read(payload, Ack.class);
            last.set(System.nanoTime());
            synchronized (this) {
                acked.addAndGet(ack.eventIds().size());
                notifyAll();
            }
            return true;
        }

        synchronized boolean await(long total, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (acked.get() < total) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        long acked() {
            return acked.get();
        }

        long lastNanos() {
            return last.get();
        }
    }
}
