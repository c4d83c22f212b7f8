/**
 * Live station state: online/offline from the retained status (and its MQTT 5 last will) plus a
 * heartbeat timeout, last seen (gateway clock), and health from the heartbeats.
 */
package org.gridstation.gateway.station;
