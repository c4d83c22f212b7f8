package org.gridstation.cli.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
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
    private final BenchMqtt mqtt;
    private final StationCredentials credentials;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final Deque<Message> toSend = new ArrayDeque<>();
    private final Map<UUID, Message> awaiting = new ConcurrentHashMap<>();
    /** Raw messages in the order they were first published, for the plain subscribers' latency. */
    private final List<Message> rawSent = new ArrayList<>();
    private Mqtt5AsyncClient client;
    private int window = 9;
    private int inFlight;
    /** Counts connections: a publish result from an earlier connection does not free this one's window. */
    private int connection;
    private volatile boolean connected;
    private long resends;
    /** The kiosk's re-send state: the last ack, the silent rounds since, when the last one began. */
    private volatile long lastAckNanos = System.nanoTime();
    private int silentRounds;
    private long roundStartNanos;
    private final long startedMillis = System.currentTimeMillis();

    SimStation(String id, List<String> people, BenchMqtt mqtt, StationCredentials credentials, Listener listener,
            ScheduledExecutorService scheduler) {
        this.id = id;
        this.people = List.copyOf(people);
        this.mqtt = mqtt;
        this.credentials = credentials;
        this.listener = listener;
        this.scheduler = scheduler;
    }

    /**
     * Connects, subscribes to the ack topic (QoS 1) and publishes online (retained); then re-queues
     * what an earlier connection sent and starts publishing. The future fails if the broker refuses
     * the connection or the subscription, or either takes longer than {@code timeoutMs}.
     */
    CompletableFuture<Void> connect(long timeoutMs) {
        if (client == null) {
            client = mqtt.client("kiosk-" + id, timeoutMs, this::onDisconnected);
            // before the first connect, so acks the broker kept in the session are not missed
            client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish);
        }
        return client.connect(connectMessage())
                .thenCompose(connAck -> subscribeAcks(connAck, timeoutMs))
                .thenRun(this::online);
    }

    private Mqtt5Connect connectMessage() {
        Mqtt5ConnectBuilder b = Mqtt5Connect.builder()
                .cleanStart(false)
                .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
                .keepAlive(20)
                .willPublish()
                .topic(Topics.status(id))
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(status(false))
                .applyWillPublish();
        var c = credentials.forStation(id);
        if (c.isPresent()) {
            b = b.simpleAuth()
                    .username(c.get().username())
                    .password(c.get().password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        return b.build();
    }

    private CompletableFuture<Void> subscribeAcks(Mqtt5ConnAck connAck, long timeoutMs) {
        int receiveMax = connAck.getRestrictions().getReceiveMaximum();
        synchronized (this) {
            window = Math.max(1, Math.min(MAX_WINDOW, receiveMax) - 1);
            inFlight = 0;
            connection++;
        }
        return client.subscribeWith()
                .topicFilter(Topics.ack(id))
                .qos(MqttQos.AT_LEAST_ONCE)
                .send()
                .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .thenAccept(subAck -> {
                    if (subAck.getReasonCodes().get(0).isError()) {
                        throw new IllegalStateException("station " + id + ": ack subscription refused, "
                                + subAck.getReasonCodes().get(0));
                    }
                });
    }

    private void online() {
        client.publishWith().topic(Topics.status(id)).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(status(true)).send();
        requeueAfterConnect();
        connected = true;
        pump();
    }

    /** Disconnects cleanly (the session stays at the broker, as a kiosk's does during an outage). */
    CompletableFuture<Void> disconnect() {
        connected = false;
        if (client == null || !client.getState().isConnectedOrReconnect()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.disconnect().exceptionally(t -> null); // gone anyway
    }

    void close() {
        try {
            disconnect().get(6, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing
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
        // a heartbeat lost is no matter
        client.publishWith().topic(Topics.heartbeat(id)).qos(MqttQos.AT_MOST_ONCE).payload(Json.write(h)).send();
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

    /** Raw messages published so far. */
    synchronized int rawSentCount() {
        return rawSent.size();
    }

    /** The {@code i}-th raw message published, or null. */
    synchronized Message rawSent(int i) {
        return i < rawSent.size() ? rawSent.get(i) : null;
    }

    /** The first publish of the raw messages from the {@code from}-th on, or {@link Long#MAX_VALUE}. */
    synchronized long firstRawSentNanos(int from) {
        long first = Long.MAX_VALUE;
        for (int i = from; i < rawSent.size(); i++) {
            first = Math.min(first, rawSent.get(i).firstSentNanos);
        }
        return first;
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
                if (m.raw) {
                    rawSent.add(m);
                }
            }
            m.lastSentNanos = now;
            m.queued = false;
            if (!m.raw) {
                awaiting.putIfAbsent(m.id, m);
            }
            inFlight++;
            int on = connection;
            client.publishWith().topic(m.topic).qos(MqttQos.AT_LEAST_ONCE).payload(m.payload).send()
                    .whenComplete((result, failure) -> confirmed(m, on, result, failure));
        }
    }

    /** The broker's PUBACK (or a failure) for {@code m}, published on connection number {@code on}. */
    private void confirmed(Message m, int on, Mqtt5PublishResult result, Throwable failure) {
        boolean ok = failure == null && result.getError().isEmpty();
        synchronized (this) {
            if (on != connection) {
                return; // the window was reset by a reconnect
            }
            inFlight--;
            if (!ok && m.raw) {
                m.queued = true;
                toSend.addFirst(m); // a raw message has no resend of its own
            }
        }
        if (ok) {
            pump();
        }
    }

    private byte[] status(boolean online) {
        return Json.write(StationStatus.of(id, online, java.time.Instant.now(), "bench"));
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        if (connected) {
            connected = false;
            listener.disconnected(id);
        }
    }

    private void onPublish(Mqtt5Publish publish) {
        long now = System.nanoTime();
        Ack ack;
        try {
            ack = Json.read(publish.getPayloadAsBytes(), Ack.class);
        } catch (MalformedMessageException e) {
            return;
        }
        if (!ack.stationId().equals(id)) {
            return;
        }
        synchronized (this) {
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
}
