package org.gridstation.kiosk.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.station.Heartbeat;

/**
 * Plays the gateway in tests: receives a station's events (acking them if asked), records status
 * messages, and publishes retained downlinks. Acks are published from a separate thread, never
 * from Paho's callback.
 */
public final class TestGateway implements AutoCloseable {
    private final MqttAsyncClient client;
    private final String stationId;
    private final boolean ack;
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final Map<UUID, Event> distinct = new ConcurrentHashMap<>();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.ExecutorService acker = java.util.concurrent.Executors.newSingleThreadExecutor();

    private TestGateway(String uri, String stationId, boolean ack) throws MqttException {
        this.stationId = stationId;
        this.ack = ack;
        this.client = new MqttAsyncClient(uri, "gateway-test-" + UUID.randomUUID(), new MemoryPersistence());
    }

    /** Connects and subscribes to the station's events and status. */
    public static TestGateway connect(String uri, String stationId, boolean ack) throws MqttException {
        TestGateway g = new TestGateway(uri, stationId, ack);
        g.client.setCallback(g.new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        g.client.connect(o).waitForCompletion(10_000);
        g.client.subscribe(new String[] {Topics.events(stationId), Topics.status(stationId), Topics.heartbeat(stationId)},
                new int[] {1, 1, 0})
                .waitForCompletion(10_000);
        return g;
    }

    /** Publishes a retained downlink message. */
    public void publishRetained(String topic, Object message) throws MqttException {
        client.publish(topic, Json.write(message), 1, true).waitForCompletion(10_000);
    }

    /** Publishes raw bytes, retained. */
    public void publishRetained(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, true).waitForCompletion(10_000);
    }

    public void publish(String topic, Object message) throws MqttException {
        publish(topic, Json.write(message));
    }

    /** Publishes raw bytes, not retained. */
    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false).waitForCompletion(10_000);
    }

    /** Every event delivery, re-sends included. */
    public List<Event> received() {
        return new ArrayList<>(received);
    }

    /** Distinct events by id. */
    public Map<UUID, Event> distinct() {
        return distinct;
    }

    /** Heartbeats received, in order. */
    public List<Heartbeat> heartbeats() {
        return new ArrayList<>(heartbeats);
    }

    /** Status payloads (JSON) received, in order. */
    public List<String> statuses() {
        return new ArrayList<>(statuses);
    }

    @Override
    public void close() throws MqttException {
        acker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } finally {
            client.close(true);
        }
    }

    /** Waits until {@code condition} holds, failing after {@code millis}. */
    public static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(Topics.heartbeat(stationId))) {
                heartbeats.add(Json.read(message.getPayload(), Heartbeat.class));
                return;
            }
            if (topic.equals(Topics.status(stationId))) {
                statuses.add(new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            Event e = Json.read(message.getPayload(), Event.class);
            received.add(e);
            distinct.put(e.id(), e);
            if (ack) {
                acker.execute(() -> {
                    try {
                        client.publish(Topics.ack(stationId), Json.write(Ack.of(stationId, List.of(e.id()), Instant.now())), 1, false);
                    } catch (MqttException ex) {
                        // the kiosk re-sends; the next delivery is acked
                    }
                });
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void deliveryComplete(IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int code, MqttProperties p) {
        }
    }
}
