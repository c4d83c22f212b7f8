/**
 * The wire contract between station kiosks and the town gateway.
 *
 * <p>Everything that crosses MQTT is defined here and nowhere else: the topic tree
 * ({@link org.gridstation.protocol.Topics}), the uplink events
 * ({@link org.gridstation.protocol.event}), the downlink messages
 * ({@link org.gridstation.protocol.downlink}) and the signed badge tokens
 * ({@link org.gridstation.protocol.badge}). Messages are JSON, serialised by
 * {@link org.gridstation.protocol.Json}; each carries {@code schema}, the major version of
 * this contract ({@link org.gridstation.protocol.Schema#VERSION}).
 */
package org.gridstation.protocol;
