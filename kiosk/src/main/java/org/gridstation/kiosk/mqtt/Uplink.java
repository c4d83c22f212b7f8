package org.gridstation.kiosk.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The kiosk's connection to the gateway's broker, as the rest of the kiosk sees it. */
public interface Uplink {
    /** True while a session with the broker is up and the downlink subscriptions are in place. */
    boolean connected();

    /** How many QoS 1 messages may be in flight at once on this connection. */
    int maxInFlight();

    /**
     * Publishes one message. The future completes when the broker has accepted it (PUBACK for
     * QoS 1, sent for QoS 0) and fails if the kiosk is offline or the connection drops first.
     * A broker's acceptance is not durability: the outbox waits for the gateway's ack.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained);

    /** Called with {@code true} after every (re)connect and {@code false} after every loss. */
    void onConnectionChange(Consumer<Boolean> listener);
}
