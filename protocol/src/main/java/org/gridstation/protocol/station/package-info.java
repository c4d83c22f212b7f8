/**
 * Uplink station state that is not an event: the retained online/offline
 * {@link org.gridstation.protocol.station.StationStatus} (also the MQTT 5 last will) and the
 * periodic {@link org.gridstation.protocol.station.Heartbeat}.
 */
package org.gridstation.protocol.station;
