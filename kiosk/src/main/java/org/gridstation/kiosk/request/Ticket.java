package org.gridstation.kiosk.request;

import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/**
 * The ticket a villager takes home: {@code {stationId}-{n}}, also the incident id at the gateway.
 *
 * @param ticket the ticket number
 * @param category what it is about
 * @param severity how serious
 */
public record Ticket(String ticket, Category category, Severity severity) {
}
