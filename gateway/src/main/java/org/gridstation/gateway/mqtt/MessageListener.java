package org.gridstation.gateway.mqtt;

/** Receives every message the gateway's subscriptions deliver. Must return quickly. */
@FunctionalInterface
public interface MessageListener {
    /**
     * @param topic the topic it was published on
     * @param payload the raw bytes, untrusted
     * @param retained true if the broker delivered a stored retained message (old news)
     */
    void onMessage(String topic, byte[] payload, boolean retained);
}
