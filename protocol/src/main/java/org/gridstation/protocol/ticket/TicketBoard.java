package org.gridstation.protocol.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;

/**
 * Retained on {@code gs/v1/stations/{id}/tickets}: the status of the tickets filed at this
 * station that are still open or were updated in the last 60 days (newest first, at most
 * {@link #MAX_TICKETS}), so a villager can scan a ticket at the kiosk and see where it is, and
 * rate it, without a network. Nothing personal is in it: no phone number, no note, no name.
 *
 * @param schema contract version
 * @param stationId the station
 * @param version increases with every change
 * @param tickets the tickets
 * @param issuedAt gateway clock when published
 */
public record TicketBoard(int schema, String stationId, long version, List<Ticket> tickets, Instant issuedAt) {
    /** The most tickets a board carries, so the retained message stays well under the payload cap. */
    public static final int MAX_TICKETS = 200;

    public TicketBoard {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        tickets = List.copyOf(Ids.notNull(tickets, "tickets"));
        if (tickets.size() > MAX_TICKETS) {
            throw new IllegalArgumentException("a ticket board carries at most " + MAX_TICKETS + " tickets");
        }
        Ids.notNull(issuedAt, "issuedAt");
    }

    /** An empty board, version 0. */
    public static TicketBoard empty(String stationId) {
        return new TicketBoard(Schema.VERSION, stationId, 0, List.of(), Instant.EPOCH);
    }

    /** The ticket with this number, if the board has it. */
    public Optional<Ticket> find(String ticket) {
        return tickets.stream().filter(t -> t.ticket().equals(ticket)).findFirst();
    }

    /**
     * One ticket's public status.
     *
     * @param ticket the ticket number
     * @param category what kind
     * @param severity how serious
     * @param status where it is
     * @param level the rung of the ladder handling it
     * @param filedAt gateway clock when it arrived
     * @param updatedAt gateway clock of its last step
     * @param statusNote the public answer to the villager (e.g. how it was resolved), if any
     * @param rating the villager's latest rating, if any
     */
    public record Ticket(String ticket, Category category, Severity severity, TicketStatus status, LadderLevel level,
            Instant filedAt, Instant updatedAt, Optional<String> statusNote, Optional<Rating> rating) {
        public Ticket {
            Ids.require(ticket, "ticket");
            Ids.notNull(category, "category");
            Ids.notNull(severity, "severity");
            Ids.notNull(status, "status");
            Ids.notNull(level, "level");
            Ids.notNull(filedAt, "filedAt");
            Ids.notNull(updatedAt, "updatedAt");
            statusNote = Ids.notNull(statusNote, "statusNote");
            rating = Ids.notNull(rating, "rating");
        }

        /** A villager may rate a ticket once it is resolved or closed. */
        public boolean rateable() {
            return !status.open();
        }
    }
}
