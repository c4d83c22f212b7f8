package org.gridstation.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.NoDelaySocketFactory;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.station.Heartbeat;
import org.gridstation.protocol.station.StationStatus;

/**
 * One simulated station on its own MQTT 5 connection, speaking the kiosk's protocol the way
 * {@code KioskMqtt} and {@code OutboxPublisher} do: client id {@code kiosk-<id>}, clean start off
 * with a 7-day session, the offline status as last will, its {@code ack} topic subscribed at QoS 1
 * after each connect, {@code online} published retained; events published at QoS 1 in sequence
 * order, at most a window of them unconfirmed by the broker (the broker's receive maximum less one,
 * at most 100, as the kiosk); an event counts as stored when the gateway's ack names it, and one
 * not acknowledged is published again by the kiosk's rule: after a reconnect, or when the gateway
 * has sent the station no ack for the resend time (backing off), or after 16 × that.
 * Heartbeats are QoS 0.
 */
final class SimStation {
    static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;
    private static final int MAX_WINDOW = 100;

    /** What the station reports to the generator. */
    interface Listener {
        /** The gateway acknowledged {@code m} for the first time. */
        void stored(Message m, long ackNanos, long gatewayMillis);

        /** An ack named an event already acknowledged (or unknown). */
        void duplicateAck();

        /** The connection dropped. */
        void disconnected(String stationId);
    }

    /** One publication and its timing. Raw messages need no gateway ack. */
    static final class Message {
        final UUID id;
        final String topic;
        final byte[] payload;
        final boolean raw;
        volatile long firstSentNanos;
        volatile long firstSentMillis;
        volatile long lastSentNanos;
        volatile boolean queued;

        Message(UUID id, String topic, byte[] payload, boolean raw) {
            this.id = id;
            this.topic = topic;
            this.payload = payload;
            this.raw = raw;
        }
    }

    /** The topic of the raw-broker messages: as long as the events topic, and not one the gateway subscribes to. */
    static String rawTopic(String stationId) {
        return Topics.ROOT + "/benchraw/" + stationId + "/events";
    }

    final String id;
    final List<String> people;
    private final String uri;
    private final StationCredentials credentials;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final Deque<Message> toSend = new ArrayDeque<>();
    private final Map<UUID, Message> awaiting = new ConcurrentHashMap<>();
    /** Raw messages in the order they were published, for the plain subscriber's latency. */
    final List<Message> rawSent = new ArrayList<>();
    private MqttAsyncClient client;
    private int window = 9;
    private int inFlight;
    private volatile boolean connected;
    private long resends;
    /** The kiosk's re-send state: the last ack, the silent rounds since, when the last one began. */
    private volatile long lastAckNanos = System.nanoTime();
    private int silentRounds;
    private long roundStartNanos;
    private final long startedMillis = System.currentTimeMillis();

    SimStation(String id, List<String> people, String uri, StationCredentials credentials, Listener listener,
            ScheduledExecutorService scheduler) {
        this.id = id;
        this.people = List.copyOf(people);
        this.uri = uri;
        this.credentials = credentials;
        this.listener = listener;
        this.scheduler = scheduler;
    }

    /** Connects, subscribes to the ack topic and publishes online; blocks up to {@code timeoutMs}. */
    void connect(long timeoutMs) throws MqttException {
        if (client == null) {
            client = new MqttAsyncClient(uri, "kiosk-" + id, new MemoryPersistence(), new TimerPingSender(scheduler), null);
            client.setCallback(new Callback());
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSocketFactory(new NoDelaySocketFactory());
        o.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(20);
        o.setConnectionTimeout((int) Math.max(1, timeoutMs / 1000));
        o.setWill(Topics.status(id), new MqttMessage(status(false), 1, true, new MqttProperties()));
        credentials.forStation(id).ifPresent(c -> {
            o.setUserName(c.username());
            o.setPassword(c.password().getBytes(StandardCharsets.UTF_8));
        });
        IMqttToken token = client.connect(o);
        token.waitForCompletion(timeoutMs);
        Integer receiveMax = token.getResponseProperties() == null ? null : token.getResponseProperties().getReceiveMaximum();
        synchronized (this) {
            window = Math.max(1, Math.min(MAX_WINDOW, receiveMax == null ? 65535 : receiveMax) - 1);
            inFlight = 0;
        }
        IMqttToken sub = client.subscribe(Topics.ack(id), 1);
        sub.waitForCompletion(timeoutMs);
        client.publish(Topics.status(id), new MqttMessage(status(true), 1, true, null));
        requeueAfterConnect();
        connected = true;
        pump();
    }

    /** Disconnects cleanly (the session stays at the broker, as a kiosk's does during an outage). */
    void disconnect() {
        connected = false;
        try {
            if (client != null && client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // gone anyway
            }
        }
    }

    void close() {
        disconnect();
        if (client != null) {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // closing
            }
        }
    }

    boolean connected() {
        return connected;
    }

    /** Queues an event for the gateway; returns its message. */
    Message enqueue(Event e) {
        Message m = new Message(e.id(), Topics.events(id), Json.write(e), false);
        queue(m);
        return m;
    }

    /** Queues a raw-broker message of the same size as {@code e}'s event. */
    Message enqueueRaw(Event e) {
        Message m = new Message(e.id(), rawTopic(id), Json.write(e), true);
        queue(m);
        return m;
    }

    private void queue(Message m) {
        synchronized (this) {
            m.queued = true;
            toSend.addLast(m);
        }
        pump();
    }

    /** Publishes a heartbeat at QoS 0 (not windowed, as a kiosk's). */
    void heartbeat(long lastSeq) {
        if (!connected) {
            return;
        }
        Heartbeat h = new Heartbeat(1, id, java.time.Instant.now(), (System.currentTimeMillis() - startedMillis) / 1000,
                12_884_901_888L, java.util.Optional.of(48.5), awaiting.size(), lastSeq, List.of(), "bench");
        try {
            client.publish(Topics.heartbeat(id), new MqttMessage(Json.write(h), 0, false, null));
        } catch (MqttException e) {
            // a heartbeat lost is no matter
        }
    }

    /**
     * The kiosk's re-send rule ({@code Outbox}): re-queues the events not acknowledged when the
     * gateway has been silent towards this station (no ack at all) for the wait since their last
     * send — {@code resendNanos}, doubling with every silent round up to 8 ×, reset by any ack — and,
     * as a safety net, those unacknowledged for 16 × {@code resendNanos}. (After a reconnect,
     * {@link #connect} re-queues everything sent before.)
     */
    synchronized int resendOverdue(long now, long resendNanos) {
        long wait = resendNanos << Math.min(silentRounds, 3);
        boolean silent = now - Math.max(lastAckNanos, roundStartNanos) >= wait;
        int n = 0;
        for (Message m : awaiting.values()) {
            if (!m.queued && m.lastSentNanos != 0
                    && ((silent && now - m.lastSentNanos >= wait) || now - m.lastSentNanos >= 16 * resendNanos)) {
                m.queued = true;
                toSend.addLast(m);
                n++;
            }
        }
        if (n > 0 && silent) {
            silentRounds++;
            roundStartNanos = now;
        }
        resends += n;
        if (n > 0) {
            scheduler.execute(this::pump);
        }
        return n;
    }

    /** After a (re)connect: what was sent on an earlier connection goes again, once (the kiosk's rule). */
    private synchronized void requeueAfterConnect() {
        long now = System.nanoTime();
        roundStartNanos = now;
        int n = 0;
        for (Message m : awaiting.values()) {
            if (!m.queued && m.lastSentNanos != 0 && m.lastSentNanos < now) {
                m.queued = true;
                toSend.addLast(m);
                n++;
            }
        }
        resends += n;
    }

    synchronized long resends() {
        return resends;
    }

    /** Events published and not yet acknowledged, plus those waiting to be published. */
    synchronized int outstanding() {
        int q = 0;
        for (Message m : toSend) {
            if (!m.raw && !awaiting.containsKey(m.id)) {
                q++;
            }
        }
        return awaiting.size() + q;
    }

    /** Raw messages not yet confirmed by the broker or not yet sent. */
    synchronized int rawOutstanding() {
        int q = inFlight;
        for (Message m : toSend) {
            if (m.raw) {
                q++;
            }
        }
        return q;
    }

    /** Publishes queued messages while the window has room. */
    synchronized void pump() {
        while (connected && inFlight < window && !toSend.isEmpty()) {
            Message m = toSend.pollFirst();
            if (!m.raw && m.firstSentNanos != 0 && !awaiting.containsKey(m.id)) {
                m.queued = false; // acknowledged while it waited for a re-send
                continue;
            }
            long now = System.nanoTime();
            if (m.firstSentNanos == 0) {
                m.firstSentNanos = now;
                m.firstSentMillis = System.currentTimeMillis();
            }
            m.lastSentNanos = now;
            m.queued = false;
            if (m.raw) {
                rawSent.add(m);
            } else {
                awaiting.putIfAbsent(m.id, m);
            }
            inFlight++;
            try {
                client.publish(m.topic, m.payload, 1, false, m, confirmed);
            } catch (MqttException e) {
                inFlight--;
                if (m.raw) {
                    rawSent.remove(rawSent.size() - 1);
                    m.firstSentNanos = 0;
                }
                m.queued = true;
                toSend.addFirst(m);
                return;
            }
        }
    }

    private final MqttActionListener confirmed = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            synchronized (SimStation.this) {
                inFlight--;
            }
            pump();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            Message m = (Message) token.getUserContext();
            synchronized (SimStation.this) {
                inFlight--;
                if (m != null && m.raw) {
                    m.queued = true;
                    toSend.addFirst(m); // a raw message has no resend of its own
                }
            }
        }
    };

    private byte[] status(boolean online) {
        return Json.write(StationStatus.of(id, online, java.time.Instant.now(), "bench"));
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (connected) {
                connected = false;
                listener.disconnected(id);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // counted through disconnects
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long now = System.nanoTime();
            Ack ack;
            try {
                ack = Json.read(message.getPayload(), Ack.class);
            } catch (MalformedMessageException e) {
                return;
            }
            if (!ack.stationId().equals(id)) {
                return;
            }
            synchronized (SimStation.this) {
                lastAckNanos = now;
                silentRounds = 0;
            }
            long gatewayMillis = ack.gatewayTime().toEpochMilli();
            for (UUID eventId : ack.eventIds()) {
                Message m = awaiting.remove(eventId);
                if (m == null) {
                    listener.duplicateAck();
                } else {
                    listener.stored(m, now, gatewayMillis);
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the action listener handles it
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // subscriptions are made by connect(), never from this callback (Paho bug)
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
