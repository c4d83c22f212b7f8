package org.gridstation.gateway.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.gridstation.protocol.Json;

/** Reading request bodies and parameters; anything malformed becomes an {@link IllegalArgumentException} (400). */
final class Bodies {
    private Bodies() {
    }

    static <T> T json(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                throw new IllegalArgumentException("a JSON body is required");
            }
            return value;
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(cause != null && cause.getMessage() != null ? cause.getMessage() : "invalid body");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("invalid JSON body: " + e.getOriginalMessage());
        }
    }

    static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? fallback : date(v, name);
    }

    static LocalDate date(String v, String name) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be YYYY-MM-DD");
        }
    }

    static YearMonth month(Context ctx, YearMonth fallback) {
        String v = ctx.queryParam("month");
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must be YYYY-MM");
        }
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max);
    }
}
