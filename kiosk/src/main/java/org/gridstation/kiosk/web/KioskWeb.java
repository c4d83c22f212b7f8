package org.gridstation.kiosk.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.gridstation.kiosk.badge.DutyLedger;
import org.gridstation.kiosk.badge.ScanDesk;
import org.gridstation.kiosk.camera.CameraDesk;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.hardware.SimulatedHardware;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.outbox.OutboxFullException;
import org.gridstation.kiosk.request.InvalidFieldException;
import org.gridstation.kiosk.printer.ReceiptPrinter;
import org.gridstation.kiosk.request.RequestDesk;
import org.gridstation.kiosk.screen.Screen;
import org.gridstation.kiosk.speech.Announcer;
import org.gridstation.kiosk.ticket.TicketDesk;
import org.gridstation.kiosk.ticket.TicketNotOnBoardException;
import org.gridstation.kiosk.ticket.TicketNotRateableException;
import org.gridstation.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's HTTP server: the touch page at {@code /} and its JSON API. The whole route table
 * and the mapping of errors to status codes are here.
 *
 * <pre>
 * GET  /                            the touch page (classpath /kiosk-web/index.html)
 * GET  /healthz                     200 "ok"
 * GET  /api/v1/state                station, tonight's roster, on duty, connection, backlog
 * POST /api/v1/scan                 text/plain badge token → {accepted, action, reason, …}
 * GET  /api/v1/camera?after={seq}   the newest camera event after seq: {seq, kind, result | ticket}; 204: none
 * POST /api/v1/requests             {category, severity, phone?, note?, anonymous?} → 201 {ticket, …}
 * GET  /api/v1/tickets/{ticket}     the ticket's status from the station's ticket board (404: not on it)
 * POST /api/v1/tickets/{ticket}/feedback  {rating} → 202 (409 while the ticket is open)
 * GET  /api/v1/qr.svg?text=…        QR code of the station's public page or a ticket's tracking page
 * GET  /api/v1/screen               {dimAfterSeconds, motions, dimmed}: the page dims and wakes by it
 * PUT  /api/v1/screen               {dimmed}: the page dimmed or woke (the backlight follows)
 * GET  /api/v1/simulator            simulated lamp and buzzer (simulated hardware only)
 * POST /api/v1/simulator/emergency  press the simulated emergency button
 * POST /api/v1/simulator/scan-image image bytes → the camera scans the QR code in them → as /scan (or a ticket event)
 * POST /api/v1/simulator/motion     trip the simulated motion sensor
 * GET  /simulator                   the simulator page (simulated hardware only)
 * </pre>
 */
public final class KioskWeb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskWeb.class);
    static final long MAX_REQUEST_BYTES = 64 * 1024;

    /**
     * What the routes need.
     *
     * @param camera where everything a camera sees goes (the real stream's and the simulator's)
     * @param cameraActive whether a camera feeds it: a capture command is configured, or the
     *     simulator's camera is there; the page polls {@code /api/v1/camera} only then
     */
    public record Services(String stationId, ScanDesk scanDesk, RequestDesk requestDesk, TicketDesk ticketDesk,
            TownState town, DutyLedger ledger, Outbox outbox, BooleanSupplier connected, Optional<SimulatedHardware> simulator,
            Screen screen, Announcer announcer, Optional<ReceiptPrinter> printer, CameraDesk camera, boolean cameraActive,
            Clock clock) {
    }

    private final Javalin app;

    private KioskWeb(Javalin app) {
        this.app = app;
    }

    /** Builds the server and starts it on {@code host:port} (0 = any free port). */
    public static KioskWeb start(Services s, String host, int port) {
        ScanRoutes scan = new ScanRoutes(s.scanDesk(), s.announcer());
        RequestRoutes requests = new RequestRoutes(s.requestDesk(), s.announcer(), s.printer());
        StateRoutes state = new StateRoutes(s.stationId(), s.town(), s.ledger(), s.outbox(), s.connected(),
                s.cameraActive(), s.clock());
        SimulatorRoutes simulator = new SimulatorRoutes(s.simulator(), s.camera());
        CameraRoutes camera = new CameraRoutes(s.camera());
        QrRoutes qr = new QrRoutes(s.stationId(), s.town());
        ScreenRoutes screen = new ScreenRoutes(s.screen());
        TicketRoutes tickets = new TicketRoutes(s.stationId(), s.ticketDesk(), s.town());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add("/kiosk-web", Location.CLASSPATH);
            config.routes.get("/healthz", ctx -> ctx.result("ok"));
            config.routes.get("/api/v1/state", state::state);
            config.routes.post("/api/v1/scan", scan::scan);
            config.routes.get("/api/v1/camera", camera::newest);
            config.routes.post("/api/v1/requests", requests::file);
            config.routes.get("/api/v1/tickets/{ticket}", tickets::show);
            config.routes.post("/api/v1/tickets/{ticket}/feedback", tickets::feedback);
            config.routes.get("/api/v1/qr.svg", qr::svg);
            config.routes.get("/api/v1/screen", screen::state);
            config.routes.put("/api/v1/screen", screen::report);
            config.routes.get("/api/v1/simulator", simulator::state);
            config.routes.post("/api/v1/simulator/emergency", simulator::pressEmergency);
            config.routes.post("/api/v1/simulator/scan-image", simulator::scanImage);
            config.routes.post("/api/v1/simulator/motion", simulator::triggerMotion);
            config.routes.get("/simulator", simulator::page);
            config.routes.exception(OutboxFullException.class, (e, ctx) ->
                    error(ctx, HttpStatus.INSUFFICIENT_STORAGE, OutboxFullException.label(Lang.of(ctx)), null, "outbox-full"));
            config.routes.exception(InvalidFieldException.class, (e, ctx) ->
                    error(ctx, HttpStatus.BAD_REQUEST, e.label(Lang.of(ctx)), e.field(), "invalid-field"));
            config.routes.exception(TicketNotOnBoardException.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND).json(
                    new ErrorBody(Lang.EN.equals(Lang.of(ctx))
                            ? "Ticket " + e.ticket() + " is not known at this station. It may have been filed at another"
                                    + " station: scan the code with your phone to follow it."
                            : "本站查不到工单 " + e.ticket() + "，可能是在其他服务站登记的。请用手机扫码查看办理进度。",
                            Optional.empty(), "ticket-not-here", tickets.trackingUrl(e.ticket()))));
            config.routes.exception(TicketNotRateableException.class, (e, ctx) ->
                    error(ctx, HttpStatus.CONFLICT, Lang.EN.equals(Lang.of(ctx))
                            ? "This ticket is still being handled (" + e.status().en() + "); it can be rated once resolved"
                            : "工单正在办理中（" + e.status().zh() + "），办结后才能评价", null, "not-rateable"));
            config.routes.exception(NotFound.class, (e, ctx) ->
                    error(ctx, HttpStatus.NOT_FOUND, Lang.EN.equals(Lang.of(ctx)) ? e.en : e.zh, null, "not-found"));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                        Lang.EN.equals(Lang.of(ctx)) ? "Internal error, please try again" : "系统内部错误，请重试",
                        null, "internal");
            });
        });
        app.start(host, port);
        log.info("touch page at http://{}:{}/", host, app.port());
        return new KioskWeb(app);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void error(Context ctx, HttpStatus status, String message, String field, String code) {
        ctx.status(status).json(new ErrorBody(message, Optional.ofNullable(field), code));
    }
}
