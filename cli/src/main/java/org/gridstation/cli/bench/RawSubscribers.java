package org.gridstation.cli.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw phase's plain QoS 1 subscribers. The stations' raw topics are split over several
 * connections (station i to connection i mod n), each subscribing to its stations' own topics, so
 * that no connection is sent more than {@value #MESSAGES_PER_CONNECTION} of the phase's messages:
 * a broker caps the messages it queues for one client (HiveMQ CE at 100,000 unless configured,
 * Mosquitto at 1,000 unless configured) and drops the rest, which cost one subscriber half of a
 * county burst. A station's
 * messages all reach one connection, in order, which gives each message's latency.
 */
final class RawSubscribers implements AutoCloseable {
    /** At most this many of a phase's messages per connection: a quarter of HiveMQ CE's default queue limit. */
    static final long MESSAGES_PER_CONNECTION = 25_000;
    static final int MIN_CONNECTIONS = 4;
    static final int MAX_CONNECTIONS = 64;
    /** Topic filters per SUBSCRIBE packet. */
    private static final int FILTERS_PER_SUBSCRIBE = 100;

    final LatencyLog latencies = new LatencyLog();
    private final List<SimStation> stations;
    private final Map<String, SimStation> byId = new HashMap<>();
    private final Map<String, AtomicInteger> next = new HashMap<>();
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong last = new AtomicLong();
    private volatile long expected;
    private final long startNanos = System.nanoTime();

    /** How many connections share {@code expected} messages from {@code stations} stations. */
    static int connectionsFor(long expected, int stations) {
        long n = Math.max(MIN_CONNECTIONS, (expected + MESSAGES_PER_CONNECTION - 1) / MESSAGES_PER_CONNECTION);
        return (int) Math.max(1, Math.min(Math.min(n, MAX_CONNECTIONS), stations));
    }

    /**
     * Connects the subscribers and subscribes them (blocks until every SUBACK, up to
     * {@code timeoutMs}); {@code as} may be null for no credentials.
     */
    RawSubscribers(BenchMqtt mqtt, List<SimStation> stations, StationCredentials.Credentials as, long expected,
            long timeoutMs) throws Exception {
        this.stations = stations;
        this.expected = expected;
        for (SimStation s : stations) {
            byId.put(s.id, s);
            next.put(s.id, new AtomicInteger(s.rawSentCount()));
        }
        int n = connectionsFor(expected, stations.size());
        String prefix = "bench-raw-subscriber-" + System.nanoTime() + "-";
        List<CompletableFuture<?>> ready = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Mqtt5AsyncClient c = mqtt.client(prefix + k, timeoutMs, context -> { });
            c.publishes(MqttGlobalPublishFilter.ALL, this::arrived);
            clients.add(c);
            List<Mqtt5Subscription> filters = new ArrayList<>();
            for (int i = k; i < stations.size(); i += n) {
                filters.add(Mqtt5Subscription.builder().topicFilter(SimStation.rawTopic(stations.get(i).id))
                        .qos(MqttQos.AT_LEAST_ONCE).build());
            }
            ready.add(c.connect(connectMessage(as)).thenCompose(connAck -> subscribe(c, filters)));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private static Mqtt5Connect connectMessage(StationCredentials.Credentials as) {
        Mqtt5ConnectBuilder b = Mqtt5Connect.builder()
                .cleanStart(true)
                .keepAlive(30)
                .restrictions()
                .receiveMaximum(65535)
                .applyRestrictions();
        if (as != null) {
            b = b.simpleAuth().username(as.username()).password(as.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        return b.build();
    }

    /** Subscribes {@code filters} in packets of {@value #FILTERS_PER_SUBSCRIBE}; fails if any is refused. */
    private static CompletableFuture<Void> subscribe(Mqtt5AsyncClient c, List<Mqtt5Subscription> filters) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < filters.size(); i += FILTERS_PER_SUBSCRIBE) {
            List<Mqtt5Subscription> part = filters.subList(i, Math.min(filters.size(), i + FILTERS_PER_SUBSCRIBE));
            acks.add(c.subscribeWith().addSubscriptions(part).send().thenAccept(subAck -> {
                if (subAck.getReasonCodes().stream().anyMatch(r -> r.isError())) {
                    throw new IllegalStateException("raw subscription refused: " + subAck.getReasonCodes());
                }
            }));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private void arrived(Mqtt5Publish publish) {
        long now = System.nanoTime();
        String topic = publish.getTopic().toString();
        int from = topic.indexOf("/benchraw/") + 10;
        SimStation s = from < 10 ? null : byId.get(topic.substring(from, topic.lastIndexOf('/')));
        if (s != null) {
            SimStation.Message m = s.rawSent(next.get(s.id).getAndIncrement());
            if (m != null) {
                latencies.add(now - m.firstSentNanos);
            }
        }
        last.accumulateAndGet(now, Math::max);
        received.incrementAndGet();
    }

    int connections() {
        return clients.size();
    }

    void expect(long n) {
        expected = n;
    }

    long received() {
        return received.get();
    }

    long lastNanos() {
        return last.get();
    }

    /**
     * Waits until every expected message arrived, or every publisher's messages are confirmed by
     * the broker and nothing more arrived for {@code quietMs} (the broker dropped the rest: raw
     * messages have no re-send), or the timeout.
     */
    void await(Duration timeout, long quietMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.get() < expected) {
            long now = System.nanoTime();
            if (now > deadline) {
                return;
            }
            if (now - Math.max(last.get(), startNanos) > quietMs * 1_000_000L
                    && stations.stream().allMatch(s -> s.rawOutstanding() == 0)) {
                return;
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (Mqtt5AsyncClient c : clients) {
            done.add(c.disconnect().exceptionally(t -> null));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(6, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing
        }
    }
}
