/**
 * The gateway's one MQTT client. Only {@link org.gridstation.gateway.mqtt.GatewayMqtt} talks to
 * Paho, so another client library could replace it without touching the rest.
 */
package org.gridstation.gateway.mqtt;
