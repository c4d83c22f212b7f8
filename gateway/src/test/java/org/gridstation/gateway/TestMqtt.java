package org.gridstation.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

/** A Paho test client that plays a kiosk: publishes and records everything it receives. */
final class TestMqtt implements AutoCloseable {
    record Received(String topic, byte[] payload, boolean retained) {
        <T> T as(Class<T> type) {
            return Json.read(payload, type);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Why the broker closed the connection, if it did (its DISCONNECT's reason code, or the cause). */
    volatile String disconnected;
    private final MqttAsyncClient client;

    /** A kiosk of {@code stationId}: client id and user {@code kiosk-<id>} with a credential issued for the tests. */
    static TestMqtt station(GatewayApp app, String stationId) throws MqttException {
        return station(app, stationId, null, null);
    }

    /** A kiosk with a last will (payload, topic) published retained at QoS 1. */
    static TestMqtt station(GatewayApp app, String stationId, MqttMessage will, String willTopic) throws MqttException {
        String clientId = org.gridstation.protocol.mqtt.StationTopics.clientId(stationId);
        return new TestMqtt(app.mqttUri(), clientId, clientId, TestSupport.stationPassword(app, stationId), will, willTopic);
    }

    /** A client with the gateway's own credential (full rights): peeks at downlinks, plays a second client. */
    static TestMqtt internal(GatewayApp app, String clientId) throws MqttException {
        return new TestMqtt(app.mqttUri(), clientId, app.internalCredential().username(), app.internalCredential().password(),
                null, null);
    }

    /**
     * Connects, with optional credentials and an optional last will (topic, payload) published
     * retained at QoS 1; throws if the broker refuses the connection.
     */
    TestMqtt(String uri, String clientId, String username, String password, MqttMessage willAndTopic, String willTopic)
            throws MqttException {
        this(uri, clientId, username, password, willAndTopic, willTopic, o -> { });
    }

    /** As the constructor above, with the options adjusted by {@code options} (e.g. a TLS socket factory). */
    TestMqtt(String uri, String clientId, String username, String password, MqttMessage willAndTopic, String willTopic,
            java.util.function.Consumer<MqttConnectionOptions> options) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                disconnected = r.getReturnCode() + " " + r.getReasonString() + " " + r.getException();
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(topic, m.getPayload(), m.isRetained()));
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
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (willAndTopic != null) {
            o.setWill(willTopic, willAndTopic);
        }
        options.accept(o);
        client.connect(o).waitForCompletion(10_000);
    }

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    /** Subscribes and returns the broker's reason code (0-2 granted, 0x87 not authorized). */
    int subscribeCode(String filter) throws MqttException {
        IMqttToken t = client.subscribe(filter, 1);
        t.waitForCompletion(10_000);
        return t.getReasonCodes()[0];
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code (0 accepted, 0x87 not authorized). */
    int publishCode(String topic, byte[] payload) throws MqttException {
        IMqttToken t = client.publish(topic, payload, 1, false);
        try {
            t.waitForCompletion(10_000);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    boolean isConnected() {
        return client.isConnected();
    }

    void publish(String topic, byte[] payload) throws MqttException {
        publish(topic, payload, false);
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
    }

    /**
     * Publishes many messages at QoS 1 without waiting for each PUBACK, keeping a small window in
     * flight, and returns when all are acknowledged by the broker.
     */
    void publishAll(String topic, List<byte[]> payloads) throws Exception {
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(8);
        for (byte[] p : payloads) {
            window.acquire();
            while (true) {
                try {
                    client.publish(topic, p, 1, false, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken t) {
                            window.release();
                        }

                        @Override
                        public void onFailure(IMqttToken t, Throwable e) {
                            window.release();
                        }
                    });
                    break;
                } catch (MqttException e) {
                    if (e.getReasonCode() != 32202) {
                        throw e;
                    }
                    Thread.sleep(1);
                }
            }
        }
        window.acquire(8);
        window.release(8);
    }

    void publishJson(String topic, Object message) throws MqttException {
        publish(topic, Json.write(message));
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Drops the TCP connection without DISCONNECT, so the broker publishes the will. */
    void vanish() throws MqttException {
        client.disconnectForcibly(0, 1000, false);
        client.close(true);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            try {
                client.disconnect().waitForCompletion(5000);
            } catch (MqttException e) {
                // the broker closed it first (a refused publish, a revoked credential)
            }
        }
        client.close(true);
    }
}
