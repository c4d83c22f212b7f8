package org.gridstation.kiosk.ticket;

import java.util.Optional;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.ticket.TicketBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "where is my ticket?" from the station's newest ticket board and records ratings. Works
 * offline: the board is the copy last received, and a rating waits in the outbox.
 */
public final class TicketDesk {
    private static final Logger log = LoggerFactory.getLogger(TicketDesk.class);

    private final TownState town;
    private final Outbox outbox;

    public TicketDesk(TownState town, Outbox outbox) {
        this.town = town;
        this.outbox = outbox;
    }

    /** The ticket as the board last said, if it is on this station's board. */
    public Optional<TicketBoard.Ticket> find(String ticket) {
        return town.ticketBoard().find(ticket);
    }

    /**
     * Records a villager's rating of a resolved or closed ticket as a {@link TicketFeedback} event.
     * A rating given again replaces the earlier one at the gateway (the latest counts).
     *
     * @throws TicketNotOnBoardException if the ticket is not on this station's board
     * @throws TicketNotRateableException if the ticket is still open
     * @throws org.gridstation.kiosk.outbox.OutboxFullException if it cannot be stored (nothing is)
     */
    public Event rate(String ticket, Rating rating) {
        TicketBoard.Ticket t = find(ticket).orElseThrow(() -> new TicketNotOnBoardException(ticket));
        if (!t.rateable()) {
            throw new TicketNotRateableException(ticket, t.status());
        }
        Event e = outbox.append(new TicketFeedback(ticket, rating));
        log.info("ticket {} rated {} (event seq {})", ticket, rating.wire(), e.seq());
        return e;
    }
}
