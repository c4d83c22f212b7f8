package org.gridstation.gateway.ingest;

import java.time.Instant;
import org.gridstation.protocol.event.Event;

/**
 * A validated event and when the gateway received it.
 *
 * @param event the event
 * @param receivedAt the gateway clock on arrival; drives everything, the device clock is only recorded
 */
public record Received(Event event, Instant receivedAt) {
}
