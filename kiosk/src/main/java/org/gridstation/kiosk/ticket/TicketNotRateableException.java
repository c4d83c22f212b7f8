package org.gridstation.kiosk.ticket;

import org.gridstation.protocol.ticket.TicketStatus;

/** The ticket is still being handled; it can be rated once resolved or closed. */
public final class TicketNotRateableException extends RuntimeException {
    private final TicketStatus status;

    public TicketNotRateableException(String ticket, TicketStatus status) {
        super("ticket " + ticket + " is " + status.wire() + " and cannot be rated yet");
        this.status = status;
    }

    public TicketStatus status() {
        return status;
    }
}
