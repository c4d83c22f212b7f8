package org.gridstation.kiosk.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.NoDelaySocketFactory;
import org.gridstation.protocol.TlsSocketFactory;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.station.StationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that talks to Paho's MQTT 5 client.
 *
 * <p>Client id {@code kiosk-{stationId}}, clean start false, session expiry 7 days, in-memory
 * Paho persistence (the SQLite outbox is the only durable buffer). The last will is the retained
 * {@link StationStatus} online=false on the status topic; after every connect it publishes
 * online=true retained and subscribes (from its own thread, never from a Paho callback) to the
 * ack, config, roster, keys, revocations, on-duty and tickets topics at QoS 1 (a refused
 * tickets subscription is logged, not fatal: an older broker ACL may not allow it). Paho's
 * automatic reconnect is not used: a connector thread retries with a backoff from 0.5 s to 10 s
 * for as long as it takes, on a fresh client each time.
 */
public final class KioskMqtt implements Uplink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskMqtt.class);
    static final long SESSION_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final long OP_TIMEOUT_MS = 10_000;
    private static final int MAX_WINDOW = 100;

    /** Receives every downlink message; called on Paho's callback thread, must not block long. */
    @FunctionalInterface
    public interface MessageHandler {
        void onMessage(String topic, byte[] payload);
    }

    private final KioskConfig config;
    private final Clock clock;
    private final MessageHandler handler;
    private final List<String> subscriptions;
    private final java.util.Set<String> optionalTopics;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final Object monitor = new Object();
    private final SocketFactory socketFactory;
    private volatile MqttAsyncClient client;
    private volatile boolean connected;
    private volatile int window = 10;
    private volatile boolean running;
    private Thread connector;

    public KioskMqtt(KioskConfig config, Clock clock, MessageHandler handler) {
        this.config = config;
        this.clock = clock;
        this.handler = handler;
        String s = config.stationId();
        this.subscriptions = List.of(Topics.ack(s), Topics.config(s), Topics.roster(s), Topics.TOWN_KEYS,
                Topics.TOWN_REVOCATIONS, Topics.TOWN_ON_DUTY, Topics.tickets(s), Topics.settings(s));
        this.optionalTopics = java.util.Set.of(Topics.tickets(s), Topics.settings(s));
        this.socketFactory = socketFactory(config);
    }

    /** Plain TCP, or TLS trusting only the town's root: a missing or broken ca.crt stops the start. */
    private static SocketFactory socketFactory(KioskConfig config) {
        if (config.mqttCaFile().isEmpty()) {
            return new NoDelaySocketFactory();
        }
        try {
            return TlsSocketFactory.trusting(config.mqttCaFile().get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the town's root certificate " + config.mqttCaFile().get(), e);
        }
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            running = true;
            connector = new Thread(this::connectLoop, "kiosk-mqtt-connector");
            connector.setDaemon(true);
            connector.start();
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public int maxInFlight() {
        return window;
    }

    @Override
    public void onConnectionChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        MqttAsyncClient c = client;
        if (c == null || !connected) {
            result.completeExceptionally(new IllegalStateException("not connected to the broker"));
            return result;
        }
        try {
            c.publish(topic, payload, qos, retained, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    result.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Stops: if connected, publishes the retained online=false status and disconnects normally
     * (so the broker does not also send the will), then closes the client. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
            t = connector;
            monitor.notifyAll();
        }
        t.interrupt();
        try {
            t.join(OP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        if (c != null && connected) {
            try {
                c.publish(Topics.status(config.stationId()), status(false), 1, true).waitForCompletion(3_000);
                c.disconnect(3_000).waitForCompletion(4_000);
                log.info("disconnected from {} after publishing offline status", config.mqttUri());
            } catch (MqttException e) {
                log.warn("clean disconnect failed: {}", e.getMessage());
            }
        }
        setConnected(false);
        discard(c);
        client = null;
    }

    private void connectLoop() {
        long backoff = MIN_BACKOFF.toMillis();
        while (running) {
            if (!connected) {
                try {
                    connectOnce();
                    backoff = MIN_BACKOFF.toMillis();
                } catch (MqttException | RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    log.info("cannot reach broker {} ({}); retrying in {} ms", config.mqttUri(), e.getMessage(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
                    continue;
                }
            }
            synchronized (monitor) {
                while (running && connected) {
                    try {
                        monitor.wait(1_000);
                    } catch (InterruptedException e) {
                        if (!running) {
                            return;
                        }
                    }
                }
            }
        }
    }

    private void connectOnce() throws MqttException {
        discard(client);
        MqttAsyncClient c = new MqttAsyncClient(config.mqttUri(), config.mqttClientId(), new MemoryPersistence());
        boolean sessionPresent;
        client = c;
        c.setCallback(new Callback(c));
        try {
            IMqttToken token = c.connect(options());
            token.waitForCompletion(OP_TIMEOUT_MS);
            sessionPresent = token.getSessionPresent();
            Integer receiveMax = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
            // one slot stays free for the status message
            window = Math.max(1, Math.min(MAX_WINDOW, receiveMax == null ? 65535 : receiveMax) - 1);
            c.publish(Topics.status(config.stationId()), status(true), 1, true).waitForCompletion(OP_TIMEOUT_MS);
            String[] topics = subscriptions.toArray(String[]::new);
            int[] qos = new int[topics.length];
            java.util.Arrays.fill(qos, 1);
            IMqttToken sub = c.subscribe(topics, qos);
            sub.waitForCompletion(OP_TIMEOUT_MS);
            int[] codes = sub.getReasonCodes();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0x80) {
                    continue;
                }
                if (i < topics.length && optionalTopics.contains(topics[i])) {
                    // a broker ACL written before the ticket board or fleet settings existed: the
                    // kiosk still works, with the ticket status and settings it last received
                    log.warn("the broker refused the subscription to {} (reason 0x{}); what it carries stays"
                            + " as last received", topics[i], Integer.toHexString(codes[i]));
                    continue;
                }
                throw new MqttException(codes[i]);
            }
        } catch (MqttException | RuntimeException e) {
            discard(c);
            throw e;
        }
        log.info("connected to {} as {} (session present: {}, window {})", config.mqttUri(), config.mqttClientId(),
                sessionPresent, window);
        setConnected(true);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSocketFactory(socketFactory);
        o.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(20);
        o.setConnectionTimeout(10);
        o.setWill(Topics.status(config.stationId()), new MqttMessage(status(false), 1, true, new MqttProperties()));
        config.mqttUsername().ifPresent(o::setUserName);
        config.mqttPassword().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return o;
    }

    private byte[] status(boolean online) {
        return Json.write(StationStatus.of(config.stationId(), online, clock.instant(), config.softwareVersion()));
    }

    private void setConnected(boolean now) {
        boolean was;
        synchronized (monitor) {
            was = connected;
            connected = now;
            monitor.notifyAll();
        }
        if (was != now) {
            for (Consumer<Boolean> l : listeners) {
                try {
                    l.accept(now);
                } catch (RuntimeException e) {
                    log.warn("connection listener failed", e);
                }
            }
        }
    }

    private void lost(MqttAsyncClient from, String why) {
        if (from != client) {
            return;
        }
        if (connected) {
            log.warn("lost connection to {}: {}", config.mqttUri(), why);
        }
        setConnected(false);
    }

    private static void discard(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException | RuntimeException e) {
            log.debug("forced disconnect: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("close: {}", e.getMessage());
        }
    }

    private void sleep(long millis) {
        synchronized (monitor) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Paho callbacks for one client instance; events from a discarded client are ignored. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(owner, response.getReasonString() == null ? "reason " + response.getReturnCode() : response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lost(owner, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                handler.onMessage(topic, message.getPayload());
            } catch (RuntimeException e) {
                // never let an exception reach Paho: it would drop the connection
                log.warn("handling a message on {} failed: {}", topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // completion is reported through each publish's future
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // subscriptions are made by the connector thread, not here (Paho deadlocks otherwise)
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
