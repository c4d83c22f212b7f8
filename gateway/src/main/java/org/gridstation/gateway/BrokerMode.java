package org.gridstation.gateway;

/** Where the gateway's MQTT broker runs. */
public enum BrokerMode {
    /** HiveMQ CE inside the gateway process (the default for a town). */
    EMBEDDED,
    /** A broker run elsewhere (Mosquitto, a cluster), reached by {@code mqtt.external.uri}. */
    EXTERNAL
}
