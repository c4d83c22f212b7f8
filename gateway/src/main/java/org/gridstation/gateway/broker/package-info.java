/** The embedded MQTT broker (HiveMQ CE) the gateway runs by default. */
package org.gridstation.gateway.broker;
