/**
 * The town gateway. {@link org.gridstation.gateway.GatewayApp} is the one composition root: it
 * builds and starts the broker, store, MQTT client, ingest, monitors, downlinks and web server
 * from one {@link org.gridstation.gateway.GatewayConfig}, and stops them in reverse order.
 */
package org.gridstation.gateway;
