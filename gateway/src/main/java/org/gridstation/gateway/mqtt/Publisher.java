package org.gridstation.gateway.mqtt;

/** Publishes to the broker. Best effort: returns false if the message could not be handed over. */
@FunctionalInterface
public interface Publisher {
    boolean publish(String topic, byte[] payload, int qos, boolean retained);
}
