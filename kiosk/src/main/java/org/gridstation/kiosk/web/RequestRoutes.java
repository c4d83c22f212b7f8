package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridstation.kiosk.printer.ReceiptPrinter;
import org.gridstation.kiosk.request.RequestDesk;
import org.gridstation.kiosk.request.RequestForm;
import org.gridstation.kiosk.request.Ticket;
import org.gridstation.kiosk.speech.Announcer;

/**
 * {@code POST /api/v1/requests}: files a walk-in request, answers 201 with the ticket, says its
 * number (if speech is on) and prints its receipt (if a printer is configured).
 */
final class RequestRoutes {
    /** How long the answer waits for the printer before saying the receipt was not printed. */
    static final long PRINT_WAIT_MS = 3_000;

    private final RequestDesk desk;
    private final Announcer announcer;
    private final Optional<ReceiptPrinter> printer;

    RequestRoutes(RequestDesk desk, Announcer announcer, Optional<ReceiptPrinter> printer) {
        this.desk = desk;
        this.announcer = announcer;
        this.printer = printer;
    }

    /**
     * The answer.
     *
     * @param ticket the ticket number
     * @param category the category's wire name
     * @param severity the severity's wire name
     * @param categoryLabel the category in the reader's language
     * @param severityLabel the severity in the reader's language
     * @param receiptPrinted whether the receipt printer took the receipt (absent: no printer)
     */
    record Filed(String ticket, String category, String severity, String categoryLabel, String severityLabel,
            Optional<Boolean> receiptPrinted) {
    }

    /** Whether the printer took the receipt within {@link #PRINT_WAIT_MS}; the ticket stands either way. */
    private static boolean printed(CompletableFuture<Boolean> printing) {
        try {
            return printing.get(PRINT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void file(Context ctx) {
        Ticket t = desk.file(RequestForm.fromJson(JsonBody.read(ctx)));
        announcer.ticketFiled(t.ticket());
        Optional<Boolean> printed = printer.map(p -> printed(p.print(t)));
        String lang = Lang.of(ctx);
        ctx.status(HttpStatus.CREATED).json(new Filed(t.ticket(), t.category().wire(), t.severity().wire(),
                t.category().label(lang), t.severity().label(lang), printed));
    }
}
