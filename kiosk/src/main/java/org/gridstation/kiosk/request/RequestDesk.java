package org.gridstation.kiosk.request;

import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.WalkInRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files walk-in requests: assigns the next ticket number of this station (persisted, in the same
 * transaction as the {@link WalkInRequest} event) and stores the event in the outbox.
 */
public final class RequestDesk {
    private static final Logger log = LoggerFactory.getLogger(RequestDesk.class);
    static final String TICKET_COUNTER = "ticket";

    private final Outbox outbox;
    private final String stationId;

    public RequestDesk(Outbox outbox, String stationId) {
        this.outbox = outbox;
        this.stationId = stationId;
    }

    /**
     * Files a request; returns once it is durably stored.
     *
     * @throws org.gridstation.kiosk.outbox.OutboxFullException if it cannot be stored (nothing is)
     */
    public Ticket file(RequestForm form) {
        Event event = outbox.append(c -> new WalkInRequest(
                stationId + "-" + KioskDatabase.nextCounter(c, TICKET_COUNTER),
                form.category(), form.severity(), form.phone(), form.note(), form.anonymous()));
        WalkInRequest request = (WalkInRequest) event.body();
        // no phone or note in the log: personal data
        log.info("request filed: ticket {} category {} severity {} seq {}", request.ticket(),
                request.category().wire(), request.severity().wire(), event.seq());
        return new Ticket(request.ticket(), request.category(), request.severity());
    }
}
