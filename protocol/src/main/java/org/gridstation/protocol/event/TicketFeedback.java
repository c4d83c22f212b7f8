package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gridstation.protocol.Ids;

/**
 * A villager rated how a ticket was handled.
 *
 * @param ticket the ticket number
 * @param rating the rating; {@link Rating#DISSATISFIED} reopens the ticket
 */
public record TicketFeedback(String ticket, Rating rating) implements EventBody {
    public static final String TYPE = "ticket-feedback";

    public TicketFeedback {
        Ids.require(ticket, "ticket");
        Ids.notNull(rating, "rating");
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
