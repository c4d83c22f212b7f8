package org.gridstation.gateway.mqtt;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.protocol.NoDelaySocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT 5 connection: clean start false with a session expiry of one day, its own
 * reconnect loop with backoff (Paho's automatic reconnect is not used), subscriptions made from
 * the loop's thread after each connect, and messages handed to one {@link MessageListener}.
 */
public final class GatewayMqtt implements Publisher, AutoCloseable {
    /** How long the broker keeps this gateway's session while it is away. */
    public static final long SESSION_EXPIRY_SECONDS = 24 * 3600;
    private static final Logger log = LoggerFactory.getLogger(GatewayMqtt.class);
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long PUBLISH_WAIT_MS = 10_000;
    /** Paho's "too many publishes in progress". */
    private static final int MAX_INFLIGHT = 32202;
    /**
     * QoS 0 messages handed to the client and not yet written to the socket, at most. Paho gives
     * every publish, QoS 0 too, one of its 65,535 message ids until it is written, and does not
     * count QoS 0 against the broker's receive maximum: when the broker read slowly (Mosquitto in
     * a county burst, on a slower machine), the ingest's acks queued in the client by the tens of
     * thousands, each further publish searched the ids in use one by one (three quarters of the
     * ack thread's samples), then failed with "no new message IDs", and every station whose ack was
     * lost sent its events again (docs/scaling.md, round 8).
     */
    static final int MAX_UNSENT_QOS0 = 1000;

    private final String serverUri;
    private final String clientId;
    private final List<String> filters;
    private final String username;
    private final String password;
    private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = BackgroundThreads.single("gateway-mqtt");
    private volatile javax.net.SocketFactory socketFactory = new NoDelaySocketFactory();
    private volatile MqttAsyncClient client;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private long backoffMs = 250;
    private volatile long sessionExpirySeconds = SESSION_EXPIRY_SECONDS;
    /**
     * QoS 0 publishes handed to the client and not yet written (reset at every connect). The
     * client reports a write on its callback thread, the one that also hands the events to the
     * ingest, so while that thread waits for room in the ingest (a batch's time at most) the count
     * stays up and publishes wait with it.
     */
    private final AtomicInteger unsentQos0 = new AtomicInteger();
    private final MqttActionListener qos0Written = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            oneWritten();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            oneWritten(); // written or not, the client no longer holds it
        }
    };

    /**
     * @param serverUri e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId e.g. {@code gateway-main}
     * @param filters the topic filters to subscribe at QoS 1 after every connect
     */
    public GatewayMqtt(String serverUri, String clientId, List<String> filters) {
        this(serverUri, clientId, filters, null, null);
    }

    /**
     * @param username the broker user (the gateway's internal one), or null for none
     * @param password its password, or null
     */
    public GatewayMqtt(String serverUri, String clientId, List<String> filters, String username, String password) {
        this.serverUri = Objects.requireNonNull(serverUri);
        this.clientId = Objects.requireNonNull(clientId);
        this.filters = List.copyOf(filters);
        this.username = username;
        this.password = password;
    }

    /**
     * How long the broker keeps this client's session (its queue) after a disconnect. One gateway
     * wants a day, so events published while it restarts wait for it. Of several instances
     * sharing the ingest, each wants none: the broker would go on queueing a dead instance's share
     * of the events for it, where the stations' re-sends could land again and again.
     */
    public void sessionExpiry(long seconds) {
        this.sessionExpirySeconds = seconds;
    }

    /** Runs {@code action} on the MQTT thread after every successful connect and subscribe. */
    public void onConnect(Runnable action) {
        onConnect.add(action);
    }

    /**
     * Starts connecting; waits up to {@code waitMs} for the first connection, then carries on
     * trying in the background.
     */
    public void start(MessageListener messageListener, long waitMs) {
        this.listener = Objects.requireNonNull(messageListener);
        try {
            MqttAsyncClient c = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
            c.setCallback(new Callback());
            client = c;
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT client setup for " + serverUri + ": " + e.getMessage(), e);
        }
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        onConnect(first::countDown);
        loop.execute(this::connectOnce);
        try {
            if (!first.await(waitMs, TimeUnit.MILLISECONDS)) {
                log.warn("MQTT broker {} not reachable yet; retrying in the background", serverUri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a connection that only publishes (it has no topic filters), as
     * {@link #start(MessageListener, long)} does.
     */
    public void startPublishing(long waitMs) {
        if (!filters.isEmpty()) {
            throw new IllegalStateException(clientId + " subscribes to " + filters + "; start it with a listener");
        }
        start((topic, payload, retained) -> log.warn("{} got a message on {} it did not subscribe to", clientId, topic), waitMs);
    }

    /** QoS 0 messages handed to the client and not yet written (tests). */
    int unsentQos0() {
        return unsentQos0.get();
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /**
     * Hands a message to the client. When the broker's receive maximum is reached (QoS 1), or
     * {@value #MAX_UNSENT_QOS0} QoS 0 messages wait to be written, waits (up to
     * {@value #PUBLISH_WAIT_MS} ms) for a slot rather than dropping it: the caller is the ingest's
     * ack thread or the downlinks, and slowing them down is the right back-pressure.
     */
    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        long deadline = System.nanoTime() + PUBLISH_WAIT_MS * 1_000_000L;
        while (true) {
            MqttAsyncClient c = client;
            if (c == null || !c.isConnected() || closed) {
                return false;
            }
            try {
                if (qos != 0) {
                    c.publish(topic, new MqttMessage(payload, qos, retained, null));
                    return true;
                }
                if (unsentQos0.get() < MAX_UNSENT_QOS0) {
                    publishQos0(c, topic, payload, retained);
                    return true;
                }
            } catch (MqttException e) {
                if (e.getReasonCode() != MAX_INFLIGHT) {
                    log.warn("publish to {} failed: {}", topic, e.getMessage());
                    return false;
                }
            }
            if (System.nanoTime() > deadline) {
                log.warn("publish to {} failed: the client's window stayed full for {} ms", topic, PUBLISH_WAIT_MS);
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Hands over a QoS 0 message, counted as unsent until the client has written it. */
    private void publishQos0(MqttAsyncClient c, String topic, byte[] payload, boolean retained) throws MqttException {
        unsentQos0.incrementAndGet();
        try {
            c.publish(topic, new MqttMessage(payload, 0, retained, null), null, qos0Written);
        } catch (MqttException | RuntimeException e) {
            oneWritten();
            throw e;
        }
    }

    private void oneWritten() {
        unsentQos0.updateAndGet(n -> Math.max(0, n - 1)); // never below 0: a lost connection's late reports
    }

    /**
     * For an {@code ssl://} broker: trust only the town's root certificate in {@code caFile}.
     * Call before {@code start}.
     */
    public void trustOnly(java.nio.file.Path caFile) {
        try {
            socketFactory = org.gridstation.protocol.TlsSocketFactory.trusting(caFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot use " + caFile + " as the broker's trusted root", e);
        }
    }

    private void connectOnce() {
        if (closed) {
            return;
        }
        MqttAsyncClient c = client;
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(sessionExpirySeconds == 0);
            o.setSocketFactory(socketFactory);
            o.setSessionExpiryInterval(sessionExpirySeconds);
            o.setAutomaticReconnect(false);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout(10);
            o.setReceiveMaximum(1000);
            if (username != null) {
                o.setUserName(username);
                o.setPassword(password == null ? new byte[0] : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            c.connect(o).waitForCompletion(15_000);
            unsentQos0.set(0); // what the lost connection held is gone with it
            subscribe(c);
            backoffMs = 250;
            log.info("connected to MQTT broker {} as {}", serverUri, clientId);
            for (Runnable r : onConnect) {
                runSafely(r);
            }
        } catch (MqttException e) {
            if (closed) {
                return;
            }
            log.warn("MQTT connect to {} failed ({}); retrying in {} ms", serverUri, e.getMessage(), backoffMs);
            forceDisconnect(c);
            scheduleReconnect();
        }
    }

    private void subscribe(MqttAsyncClient c) throws MqttException {
        if (filters.isEmpty()) {
            return;
        }
        MqttSubscription[] subs = filters.stream().map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new);
        IMqttToken t = c.subscribe(subs, null, null, new MqttProperties());
        t.waitForCompletion(15_000);
        int[] codes = t.getReasonCodes();
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i] > 2) {
                throw new MqttException(codes[i]);
            }
        }
    }

    private void scheduleReconnect() {
        if (!closed) {
            long delay = backoffMs;
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            loop.schedule(this::connectOnce, delay, TimeUnit.MILLISECONDS);
        }
    }

    private static void forceDisconnect(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            log.debug("forced disconnect: {}", e.toString());
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("on-connect action failed", e);
        }
    }

    /** Disconnects cleanly and stops reconnecting; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.shutdownNow();
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(2000).waitForCompletion(3000);
                }
            } catch (MqttException e) {
                forceDisconnect(c);
            }
            try {
                c.close(true);
            } catch (MqttException e) {
                log.debug("closing MQTT client: {}", e.toString());
            }
        }
        log.info("MQTT client {} closed", clientId);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                log.warn("MQTT connection lost: {}", response.getReasonString());
                loop.execute(() -> scheduleReconnect());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.onMessage(topic, message.getPayload(), message.isRetained());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // QoS 1 publishes need no follow-up: acks are re-sent when events are re-sent.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Subscriptions are made by the reconnect loop, never from this callback (Paho bug).
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
