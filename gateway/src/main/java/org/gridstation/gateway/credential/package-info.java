/**
 * MQTT credentials: one per station ({@link org.gridstation.gateway.credential.StationCredentials},
 * stored as Mosquitto $7$ hashes, issued, verified, revoked), the gateway's own internal
 * credential ({@link org.gridstation.gateway.credential.InternalCredential}), and the broker's
 * refusals counted per station ({@link org.gridstation.gateway.credential.MqttRefusals}).
 */
package org.gridstation.gateway.credential;
