package org.gridstation.kiosk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import org.gridstation.kiosk.request.InvalidFieldException;
import org.gridstation.kiosk.request.RequestDesk;
import org.gridstation.kiosk.request.RequestForm;
import org.gridstation.kiosk.request.Ticket;
import org.gridstation.kiosk.speech.Announcer;
import org.gridstation.protocol.Json;

/** {@code POST /api/v1/requests}: files a walk-in request, answers 201 with the ticket. */
final class RequestRoutes {
    private final RequestDesk desk;
    private final Announcer announcer;

    RequestRoutes(RequestDesk desk, Announcer announcer) {
        this.desk = desk;
        this.announcer = announcer;
    }

    /**
     * The answer.
     *
     * @param ticket the ticket number
     * @param category the category's wire name
     * @param severity the severity's wire name
     * @param categoryLabel the category in the reader's language
     * @param severityLabel the severity in the reader's language
     */
    record Filed(String ticket, String category, String severity, String categoryLabel, String severityLabel) {
    }

    void file(Context ctx) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new InvalidFieldException("body", "请求格式错误", "The request is not valid JSON");
        }
        Ticket t = desk.file(RequestForm.fromJson(json));
        announcer.ticketFiled(t.ticket());
        String lang = Lang.of(ctx);
        ctx.status(HttpStatus.CREATED).json(new Filed(t.ticket(), t.category().wire(), t.severity().wire(),
                t.category().label(lang), t.severity().label(lang)));
    }
}
