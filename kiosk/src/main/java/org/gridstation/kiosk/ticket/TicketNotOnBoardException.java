package org.gridstation.kiosk.ticket;

/** The ticket is not on this station's board: filed at another station, too old, or mistyped. */
public final class TicketNotOnBoardException extends RuntimeException {
    private final String ticket;

    public TicketNotOnBoardException(String ticket) {
        super("ticket " + ticket + " is not on this station's board");
        this.ticket = ticket;
    }

    public String ticket() {
        return ticket;
    }
}
