/**
 * Broker security shared by the gateway, its embedded broker and the generated Mosquitto files:
 * who a station's MQTT client is ({@link org.gridstation.protocol.mqtt.StationTopics}), which
 * topics it may use, and the password hash format both brokers read ({@link
 * org.gridstation.protocol.mqtt.MosquittoHash}).
 */
package org.gridstation.protocol.mqtt;
