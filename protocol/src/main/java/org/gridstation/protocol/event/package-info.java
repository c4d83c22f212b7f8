/**
 * Uplink events: what happened at a station, as written to the kiosk's outbox and published on
 * {@code gs/v1/stations/{stationId}/events}.
 *
 * <p>An {@link org.gridstation.protocol.event.Event} is an envelope (id, station, sequence number,
 * device clock, schema) around one {@link org.gridstation.protocol.event.EventBody}. The gateway
 * stores each event once by its id however often it arrives, and orders a station's events by
 * {@code seq}, never by the device clock.
 */
package org.gridstation.protocol.event;
