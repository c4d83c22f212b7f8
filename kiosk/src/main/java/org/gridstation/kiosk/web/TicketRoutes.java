package org.gridstation.kiosk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Optional;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.request.InvalidFieldException;
import org.gridstation.kiosk.ticket.TicketDesk;
import org.gridstation.kiosk.ticket.TicketNotOnBoardException;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Labelled;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.ticket.TicketBoard;

/**
 * {@code GET /api/v1/tickets/{ticket}}: a ticket's public status from the station's ticket board;
 * {@code POST /api/v1/tickets/{ticket}/feedback}: the villager's rating of a resolved ticket.
 */
final class TicketRoutes {
    private final String stationId;
    private final TicketDesk desk;
    private final TownState town;

    TicketRoutes(String stationId, TicketDesk desk, TownState town) {
        this.stationId = stationId;
        this.desk = desk;
        this.town = town;
    }

    /**
     * A ticket as the villager sees it.
     *
     * @param ticket the number
     * @param category the category's wire name
     * @param categoryLabel in the reader's language
     * @param severity the severity's wire name
     * @param severityLabel in the reader's language
     * @param status the status's wire name
     * @param statusLabel in the reader's language
     * @param open whether it is still being handled
     * @param level the ladder level's wire name
     * @param levelLabel in the reader's language
     * @param filedAt when the gateway received it
     * @param updatedAt its last step
     * @param statusNote the public answer, if any
     * @param rating the latest rating the gateway has applied, if any
     * @param ratingLabel that rating in the reader's language
     * @param rateable whether it may be rated now
     * @param trackingUrl its tracking page at the gateway, if known
     * @param boardUpdatedAt when this kiosk last received the board (the answer is as of then)
     */
    record TicketView(String ticket, String category, String categoryLabel, String severity, String severityLabel,
            String status, String statusLabel, boolean open, String level, String levelLabel, Instant filedAt,
            Instant updatedAt, Optional<String> statusNote, Optional<String> rating, Optional<String> ratingLabel,
            boolean rateable, Optional<String> trackingUrl, Optional<Instant> boardUpdatedAt) {
    }

    /**
     * The answer to a rating.
     *
     * @param ticket the ticket rated
     * @param rating the rating's wire name
     * @param ratingLabel in the reader's language
     * @param reopens whether the ticket will be handled again (不满意)
     */
    record Rated(String ticket, String rating, String ratingLabel, boolean reopens) {
    }

    void show(Context ctx) {
        String ticket = ticketParam(ctx);
        TicketBoard.Ticket t = desk.find(ticket).orElseThrow(() -> new TicketNotOnBoardException(ticket));
        String lang = Lang.of(ctx);
        ctx.json(new TicketView(t.ticket(), t.category().wire(), t.category().label(lang), t.severity().wire(),
                t.severity().label(lang), t.status().wire(), t.status().label(lang), t.status().open(),
                t.level().wire(), t.level().label(lang), t.filedAt(), t.updatedAt(), t.statusNote(),
                t.rating().map(Rating::wire), t.rating().map(r -> r.label(lang)), t.rateable(),
                trackingUrl(ticket), town.ticketsReceivedAt()));
    }

    void feedback(Context ctx) {
        String ticket = ticketParam(ctx);
        Rating rating = rating(ctx);
        desk.rate(ticket, rating);
        ctx.status(HttpStatus.ACCEPTED).json(new Rated(ticket, rating.wire(), rating.label(Lang.of(ctx)),
                rating == Rating.DISSATISFIED));
    }

    /** The gateway's tracking page of any ticket (also one filed at another station), if the base is known. */
    Optional<String> trackingUrl(String ticket) {
        return QrRoutes.links(stationId, town).ticketPage(ticket);
    }

    private static String ticketParam(Context ctx) {
        String ticket = ctx.pathParam("ticket");
        if (!Ids.isValid(ticket)) {
            throw new InvalidFieldException("ticket", "工单编号格式错误", "Invalid ticket number");
        }
        return ticket;
    }

    private static Rating rating(Context ctx) {
        JsonNode r = JsonBody.field(ctx, "rating");
        if (r == null || !r.isTextual()) {
            throw new InvalidFieldException("rating", "请选择满意、基本满意或不满意",
                    "Please choose satisfied, basically satisfied or dissatisfied");
        }
        try {
            return Labelled.fromWire(Rating.class, r.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("rating", "评价只能是满意、基本满意或不满意",
                    "rating must be satisfied, basically-satisfied or dissatisfied");
        }
    }
}
