package org.gridstation.firmware.mosquitto;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
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

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }
}
