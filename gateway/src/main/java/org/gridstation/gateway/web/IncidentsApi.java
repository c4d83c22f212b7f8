package org.gridstation.gateway.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.IncidentStatus;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.town.UnknownException;

/** {@code GET /api/v1/incidents} and {@code /api/v1/incidents/{id}}. The phone number is never exposed. */
final class IncidentsApi {
    static final int MAX_LIMIT = 1000;
    private final Incidents incidents;

    IncidentsApi(Incidents incidents) {
        this.incidents = incidents;
    }

    /** An incident as the API shows it. */
    record IncidentView(String id, String stationId, Optional<String> grid, String category, String categoryLabel,
            String severity, String severityLabel, String status, String statusLabel, boolean anonymous,
            Optional<String> note, boolean hasPhone, Instant createdAt, Instant reportedAt) {
    }

    void list(Context ctx) {
        Optional<String> station = Optional.ofNullable(ctx.queryParam("station")).filter(s -> !s.isBlank());
        Optional<IncidentStatus> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank())
                .map(s -> {
                    try {
                        return IncidentStatus.of(s);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("status must be one of new, accepted, dispatched, escalated, resolved, closed");
                    }
                });
        int limit = 100;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        String lang = Lang.of(ctx);
        ctx.json(incidents.list(station, status, limit).stream().map(i -> view(i, lang)).toList());
    }

    void one(Context ctx) {
        String id = ctx.pathParam("id");
        Incident i = incidents.get(id).orElseThrow(() -> new UnknownException("incident", id));
        ctx.json(view(i, Lang.of(ctx)));
    }

    private static IncidentView view(Incident i, String lang) {
        return new IncidentView(i.id(), i.stationId(), i.gridId(), i.category().wire(), i.category().label(lang),
                i.severity().wire(), i.severity().label(lang), i.status().wire(), i.status().label(lang), i.anonymous(),
                i.note(), i.phone().isPresent(), i.createdAt(), i.reportedAt());
    }
}
