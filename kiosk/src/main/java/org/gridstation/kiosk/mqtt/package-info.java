/**
 * The MQTT 5 link to the gateway's broker: one small class around Paho, so another client could
 * replace it, and the {@link org.gridstation.kiosk.mqtt.Uplink} interface the rest of the kiosk uses.
 */
package org.gridstation.kiosk.mqtt;
