package org.gridstation.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.gridstation.protocol.event.Event;

/**
 * Simulates N stations over MQTT against a running gateway (or only its broker), in two modes:
 * <ul>
 * <li><b>burst</b>: every station comes back from an outage with a backlog of K events; the
 * stations reconnect all at once and publish their backlogs; the phase ends when the gateway has
 * acknowledged every event;</li>
 * <li><b>steady</b>: events at a fixed rate spread over random stations, and every station's
 * heartbeat every 30 s, for S seconds, then until every event is acknowledged.</li>
 * </ul>
 * An event counts as <em>stored</em> when the gateway's ack naming it arrives at its station (the
 * gateway acknowledges only after the batch's commit); its latency runs from the moment it was
 * first handed to the MQTT client. The <b>raw</b> phase sends the same number of messages of the
 * same sizes, from the same connections with the same window, through the same broker to plain
 * subscribers ({@link RawSubscribers}), with no gateway in the path. Every station is one MQTT 5
 * connection of the HiveMQ client, all sharing a few threads ({@link BenchMqtt}).
 */
public final class LoadGenerator implements AutoCloseable {
    /** A kiosk re-sends unacknowledged events when the gateway has sent it no ack for this long, backing off (its default {@code resend.seconds}). */
    static final Duration RESEND_AFTER = Duration.ofSeconds(15);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);
    private static final long CONNECT_TIMEOUT_MS = 60_000;
    /** The raw phase ends this long after the last message if the broker dropped some. */
    static final long QUIET_MS = 5_000;

    /** One phase's figures. */
    public record Phase(String name, long messages, long completed, double seconds, double drainSeconds,
            double p50Ms, double p99Ms, double maxMs, double gatewayP50Ms, double gatewayP99Ms, long duplicateAcks,
            long resends, long disconnects, long heartbeats) {
        /** Messages completed per second, over {@link #seconds}. */
        public double rate() {
            return seconds <= 0 ? 0 : completed / seconds;
        }
    }

    private final BenchMqtt mqtt;
    private final List<SimStation> stations = new ArrayList<>();
    private final Map<String, SimStation> byId = new HashMap<>();
    private final Map<String, EventMix> mixes = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder duplicateAcks = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong lastStoredNanos = new AtomicLong();
    private final AtomicLong firstSentNanos = new AtomicLong(Long.MAX_VALUE);
    private volatile LatencyLog latencies = new LatencyLog();
    private volatile LatencyLog gatewayLatencies = new LatencyLog();
    private final List<SimStation.Message> storedMessages = new ArrayList<>();
    private volatile boolean keepStored;

    private volatile StationCredentials.Credentials subscriberCredentials;
    private volatile int rawSubscriberConnections;

    /**
     * The raw phase's plain subscribers connect with {@code credentials} (on a broker that checks
     * them, a user that may read {@code gs/v1/benchraw/#}); call before the raw phase.
     */
    public void subscribeAs(StationCredentials.Credentials credentials) {
        this.subscriberCredentials = credentials;
    }

    /**
     * @param uri the broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param seeded the stations the gateway knows, with the people who badge in there
     * @param credentials each station's MQTT username and password
     */
    public LoadGenerator(String uri, List<CountyTown.SeededStation> seeded, StationCredentials credentials) {
        this.mqtt = new BenchMqtt(uri);
        SimStation.Listener listener = new SimStation.Listener() {
            @Override
            public void stored(SimStation.Message m, long ackNanos, long gatewayMillis) {
                latencies.add(ackNanos - m.firstSentNanos);
                gatewayLatencies.add(Math.max(0, gatewayMillis - m.firstSentMillis) * 1_000_000L);
                stored.incrementAndGet();
                lastStoredNanos.accumulateAndGet(ackNanos, Math::max);
                firstSentNanos.accumulateAndGet(m.firstSentNanos, Math::min);
                if (keepStored) {
                    synchronized (storedMessages) {
                        storedMessages.add(m);
                    }
                }
            }

            @Override
            public void duplicateAck() {
                duplicateAcks.increment();
            }

            @Override
            public void disconnected(String stationId) {
                disconnects.increment();
            }
        };
        long seed = 20261202L;
        for (CountyTown.SeededStation s : seeded) {
            SimStation st = new SimStation(s.stationId(), s.people(), mqtt, credentials, listener, scheduler);
            stations.add(st);
            byId.put(st.id, st);
            mixes.put(st.id, new EventMix(st.id, s.people(), seed++));
        }
        scheduler.scheduleWithFixedDelay(this::resendSweep, 1, 1, TimeUnit.SECONDS);
    }

    /** Keeps every acknowledged message (ids) for a test to check against the store. */
    public void keepStoredMessages() {
        keepStored = true;
    }

    /** The ids of every event acknowledged so far (when {@link #keepStoredMessages} was called). */
    public List<java.util.UUID> storedIds() {
        synchronized (storedMessages) {
            return storedMessages.stream().map(m -> m.id).toList();
        }
    }

    public int stationCount() {
        return stations.size();
    }

    /**
     * Connects every station, at most {@code parallel} connects under way at a time (without a
     * thread each); returns the seconds it took.
     */
    public double connectAll(int parallel) throws Exception {
        long t0 = System.nanoTime();
        Semaphore underWay = new Semaphore(parallel);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (SimStation s : stations) {
            underWay.acquire();
            CompletableFuture<Void> f = connectWithRetry(s, 1, 250);
            f.whenComplete((ok, failure) -> underWay.release());
            futures.add(f);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Connects {@code s}; a failed attempt disconnects and tries again after a backoff, 8 attempts in all. */
    private CompletableFuture<Void> connectWithRetry(SimStation s, int attempt, long backoffMs) {
        return s.connect(CONNECT_TIMEOUT_MS).handle((ok, failure) -> {
            if (failure == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (attempt >= 8) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                return CompletableFuture.<Void>failedFuture(
                        new IllegalStateException("station " + s.id + " could not connect: " + cause, cause));
            }
            CompletableFuture<Void> retry = new CompletableFuture<>();
            s.disconnect().whenComplete((x, y) -> scheduler.schedule(
                    () -> connectWithRetry(s, attempt + 1, Math.min(5_000, backoffMs * 2)).whenComplete((r, t) -> {
                        if (t == null) {
                            retry.complete(null);
                        } else {
                            retry.completeExceptionally(t);
                        }
                    }), backoffMs, TimeUnit.MILLISECONDS));
            return retry;
        }).thenCompose(f -> f);
    }

    /** Disconnects every station (their sessions stay at the broker, as during an outage). */
    public void disconnectAll() throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (SimStation s : stations) {
            futures.add(s.disconnect());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    /**
     * Burst against the gateway: every station is disconnected, gets {@code perStation} events in
     * its outbox, then all reconnect at once and drain. The drain time runs from the reconnect to
     * the last ack; the rate is over first publish to last ack.
     */
    public Phase burst(int perStation, Duration timeout) throws Exception {
        disconnectAll();
        reset();
        Instant now = Instant.now();
        long total = 0;
        for (SimStation s : stations) {
            EventMix mix = mixes.get(s.id);
            for (int i = 0; i < perStation; i++) {
                s.enqueue(mix.next(now));
                total++;
            }
        }
        long t0 = System.nanoTime();
        connectAll(Math.min(64, stations.size()));
        awaitStored(total, timeout);
        long end = lastStoredNanos.get();
        long firstSent = firstSent();
        return phase("burst", total, stored.get(), (end - firstSent) / 1e9, (end - t0) / 1e9, 0);
    }

    /**
     * The raw broker's burst: the same number of messages of the same sizes, from the same
     * connected stations with the same window, to plain subscribers ({@link RawSubscribers}). The
     * rate is over first publish to last message received.
     */
    public Phase rawBurst(int perStation, Duration timeout) throws Exception {
        long total = (long) perStation * stations.size();
        try (RawSubscribers sub = rawSubscribers(total)) {
            Instant now = Instant.now();
            List<List<Event>> prepared = new ArrayList<>();
            int[] sentBefore = new int[stations.size()];
            for (int i = 0; i < stations.size(); i++) {
                SimStation s = stations.get(i);
                sentBefore[i] = s.rawSentCount();
                EventMix m = new EventMix(s.id, s.people, s.id.hashCode());
                List<Event> events = new ArrayList<>(perStation);
                for (int k = 0; k < perStation; k++) {
                    events.add(m.next(now));
                }
                prepared.add(events);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < stations.size(); i++) {
                for (Event e : prepared.get(i)) {
                    stations.get(i).enqueueRaw(e);
                }
            }
            sub.await(timeout, QUIET_MS);
            long first = Long.MAX_VALUE;
            for (int i = 0; i < stations.size(); i++) {
                first = Math.min(first, stations.get(i).firstRawSentNanos(sentBefore[i]));
            }
            if (first == Long.MAX_VALUE) {
                first = t0;
            }
            double seconds = (sub.lastNanos() - first) / 1e9;
            return new Phase("raw burst", total, sub.received(), seconds, (sub.lastNanos() - t0) / 1e9,
                    sub.latencies.percentileMs(50), sub.latencies.percentileMs(99), sub.latencies.percentileMs(100),
                    Double.NaN, Double.NaN, 0, 0, disconnects.sum(), 0);
        }
    }

    /** Connects the raw phase's subscribers for {@code expected} messages and remembers how many there are. */
    private RawSubscribers rawSubscribers(long expected) throws Exception {
        RawSubscribers sub = new RawSubscribers(mqtt, stations, subscriberCredentials, expected, CONNECT_TIMEOUT_MS);
        rawSubscriberConnections = sub.connections();
        return sub;
    }

    /** How many subscriber connections the last raw phase used. */
    public int rawSubscriberConnections() {
        return rawSubscriberConnections;
    }

    /**
     * Steady load against the gateway: {@code ratePerSecond} events spread over random stations
     * and a heartbeat from every station every 30 s, for {@code duration}; then waits for the
     * outstanding acks. The rate is stored events over the duration.
     */
    public Phase steady(double ratePerSecond, Duration duration, Duration timeout) throws Exception {
        reset();
        long[] heartbeats = new long[1];
        long total = drive(ratePerSecond, duration, (s, e) -> s.enqueue(e), heartbeats);
        long sentAll = System.nanoTime();
        awaitStored(total, timeout);
        double storedInWindow = stored.get();
        return phase("steady", total, (long) storedInWindow, duration.toNanos() / 1e9,
                (Math.max(lastStoredNanos.get(), sentAll) - sentAll) / 1e9, heartbeats[0]);
    }

    /** The raw broker under the same steady schedule (no heartbeats), to plain subscribers. */
    public Phase rawSteady(double ratePerSecond, Duration duration, Duration timeout) throws Exception {
        long expected = (long) Math.floor(ratePerSecond * duration.toNanos() / 1e9);
        try (RawSubscribers sub = rawSubscribers(expected)) {
            long total = drive(ratePerSecond, duration, (s, e) -> s.enqueueRaw(e), null);
            sub.expect(total);
            sub.await(timeout, QUIET_MS);
            return new Phase("raw steady", total, sub.received(), duration.toNanos() / 1e9, 0,
                    sub.latencies.percentileMs(50), sub.latencies.percentileMs(99), sub.latencies.percentileMs(100),
                    Double.NaN, Double.NaN, 0, 0, disconnects.sum(), 0);
        }
    }

    private interface Sender {
        void send(SimStation s, Event e);
    }

    /** Publishes at the rate for the duration from one ticker thread; returns the events sent. */
    private long drive(double rate, Duration duration, Sender sender, long[] heartbeats) throws InterruptedException {
        Random random = new Random(42);
        Instant deviceTime = Instant.now();
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        long sent = 0;
        long hbPeriod = HEARTBEAT_EVERY.toNanos();
        int n = stations.size();
        long hbDone = 0; // heartbeats sent so far, in order of their due time
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long target = (long) Math.floor(rate * (now - t0) / 1e9);
            while (sent < target) {
                SimStation s = stations.get(random.nextInt(n));
                sender.send(s, mixes.get(s.id).next(deviceTime));
                sent++;
            }
            if (heartbeats != null) {
                // station i's k-th heartbeat is due at (i / n + k) * period: station 0's first at once
                long due = (long) Math.floor((double) (now - t0) / hbPeriod * n) + 1;
                while (hbDone < due) {
                    stations.get((int) (hbDone % n)).heartbeat(0);
                    hbDone++;
                }
            }
            Thread.sleep(5);
        }
        if (heartbeats != null) {
            heartbeats[0] = hbDone;
        }
        return sent;
    }

    private void awaitStored(long total, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored.get() < total) {
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException(stored.get() + " of " + total
                        + " events acknowledged within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    private void reset() {
        latencies = new LatencyLog();
        gatewayLatencies = new LatencyLog();
        stored.set(0);
        lastStoredNanos.set(0);
        firstSentNanos.set(Long.MAX_VALUE);
        duplicateAcks.reset();
    }

    private long resendsSum() {
        return stations.stream().mapToLong(SimStation::resends).sum();
    }

    /** The earliest first publish of the events acknowledged in this phase. */
    private long firstSent() {
        return firstSentNanos.get();
    }

    private Phase phase(String name, long total, long done, double seconds, double drain, long heartbeats) {
        return new Phase(name, total, done, seconds, drain, latencies.percentileMs(50), latencies.percentileMs(99),
                latencies.percentileMs(100), gatewayLatencies.percentileMs(50), gatewayLatencies.percentileMs(99),
                duplicateAcks.sum(), resendsSum(), disconnects.sum(), heartbeats);
    }

    private void resendSweep() {
        long now = System.nanoTime();
        for (SimStation s : stations) {
            if (s.connected()) {
                s.resendOverdue(now, RESEND_AFTER.toNanos());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            disconnectAll();
        } catch (Exception e) {
            // closing anyway
        }
        mqtt.close();
    }
}
