package org.gridstation.kiosk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.gridstation.kiosk.request.InvalidFieldException;
import org.gridstation.kiosk.screen.Screen;

/**
 * {@code GET /api/v1/screen}: when the page should dim and how much motion the sensor has seen;
 * {@code PUT /api/v1/screen {"dimmed": true|false}}: the page dimmed or woke.
 */
final class ScreenRoutes {
    private final Screen screen;

    ScreenRoutes(Screen screen) {
        this.screen = screen;
    }

    /**
     * @param dimAfterSeconds idle seconds before the page dims
     * @param motions motion seen since start (the page wakes when it grows)
     * @param dimmed whether the page last said it is dimmed
     */
    record ScreenState(long dimAfterSeconds, long motions, boolean dimmed) {
    }

    void state(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(new ScreenState(screen.dimAfter().toSeconds(), screen.motions(),
                screen.dimmed()));
    }

    void report(Context ctx) {
        JsonNode dimmed = JsonBody.field(ctx, "dimmed");
        if (dimmed == null || !dimmed.isBoolean()) {
            throw new InvalidFieldException("dimmed", "dimmed 应为 true 或 false", "dimmed must be true or false");
        }
        screen.dimmed(dimmed.booleanValue());
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
