package org.gridstation.firmware.mosquitto;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
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

/** A Paho v5 client that queues what it receives as "topic payload" lines; test helper. */
final class TestClient implements AutoCloseable {
    /** The MQTT 5 reason code "Not authorized". */
    static final int NOT_AUTHORIZED = 0x87;
    /** QoS 1 messages awaiting their PUBACK in {@link #publishMany}: under Mosquitto's 1,000 in flight. */
    private static final int WINDOW = 500;

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final MqttAsyncClient client;

    private TestClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects as client id {@code user}; with an empty password, anonymously (no user name either). */
    static TestClient connect(String uri, String user, String password) throws MqttException {
        return connect(uri, user, password, null);
    }

    /** As {@link #connect(String, String, String)}, through {@code sockets} (e.g. TLS) when not null. */
    static TestClient connect(String uri, String user, String password, javax.net.SocketFactory sockets) throws MqttException {
        return connect(uri, user, password, sockets, 0);
    }

    /**
     * Connects anonymously as {@code clientId} with clean start off and a session the broker keeps
     * for {@code expirySeconds} after a disconnect, as the gateway does.
     */
    static TestClient connectWithSession(String uri, String clientId, long expirySeconds) throws MqttException {
        return connect(uri, clientId, "", null, expirySeconds);
    }

    private static TestClient connect(String uri, String user, String password, javax.net.SocketFactory sockets,
            long sessionExpirySeconds) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, user, new MemoryPersistence());
        TestClient t = new TestClient(c);
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                t.received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (!password.isEmpty()) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        o.setCleanStart(sessionExpirySeconds == 0);
        o.setSessionExpiryInterval(sessionExpirySeconds);
        o.setAutomaticReconnect(false);
        if (sockets != null) {
            o.setSocketFactory(sockets);
        }
        c.connect(o).waitForCompletion(10_000);
        return t;
    }

    /** Subscribes at QoS 1 and returns the broker's reason code (1 = granted QoS 1). */
    int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code (0 = accepted). */
    int publish(String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        IMqttToken token = client.publish(topic, m);
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /**
     * Publishes {@code n} messages at QoS 1, the {@code i}-th to {@code topic.apply(i)}, with up to
     * {@value #WINDOW} awaiting the broker's PUBACK; returns how many were accepted.
     */
    int publishMany(int n, IntFunction<String> topic, String payload) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger accepted = new AtomicInteger();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        MqttActionListener done = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                if (codes == null || codes.length == 0 || codes[0] == 0) {
                    accepted.incrementAndGet();
                }
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                window.release();
            }
        };
        for (int i = 0; i < n; i++) {
            if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new TimeoutException("no PUBACK for 10 s after " + i + " messages");
            }
            client.publish(topic.apply(i), bytes, 1, false, null, done);
        }
        if (!window.tryAcquire(WINDOW, 10, TimeUnit.SECONDS)) {
            throw new TimeoutException("the last PUBACKs did not come within 10 s");
        }
        return accepted.get();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }
}
