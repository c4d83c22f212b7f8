package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.audit.AuditEntry;
import org.gridstation.gateway.audit.AuditLog;

/** {@code GET /api/v1/audit}, its CSV export and the check of its hash chain. */
final class AuditRoutes {
    private static final int MAX = 10_000;
    private final AuditLog audit;
    private final ZoneId zone;

    AuditRoutes(AuditLog audit, ZoneId zone) {
        this.audit = audit;
        this.zone = zone;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/audit", ctx -> ctx.json(query(ctx, 200)));
        r.get("/api/v1/audit.csv", ctx -> {
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"audit.csv\"");
            ctx.result(csv(query(ctx, MAX)));
        });
        r.get("/api/v1/audit/verify", ctx -> ctx.json(audit.verify()));
    }

    private List<AuditEntry> query(Context ctx, int defaultLimit) {
        long after = parseLong(ctx.queryParam("after"), 0, "after");
        int limit = (int) parseLong(ctx.queryParam("limit"), defaultLimit, "limit");
        if (limit < 1 || limit > MAX) {
            throw new IllegalArgumentException("limit must be 1-" + MAX);
        }
        return audit.list(new AuditLog.Query(param(ctx, "actor"), param(ctx, "action"),
                param(ctx, "from").map(d -> day(d, "from")), param(ctx, "to").map(d -> day(d, "to").plusSeconds(86_400)),
                after, limit));
    }

    static String csv(List<AuditEntry> entries) {
        StringBuilder b = new StringBuilder("\uFEFFseq,at,actor,address,action,target,detail,prev_hash,hash\r\n");
        for (AuditEntry e : entries) {
            b.append(e.seq()).append(',').append(e.at()).append(',').append(cell(e.actor())).append(',')
                    .append(cell(e.address().orElse(""))).append(',').append(cell(e.action())).append(',')
                    .append(cell(e.target().orElse(""))).append(',').append(cell(e.detail().orElse(""))).append(',')
                    .append(e.prevHash()).append(',').append(e.hash()).append("\r\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return org.gridstation.gateway.stats.StatsCsv.cell(s);
    }

    private Instant day(String d, String what) {
        try {
            return LocalDate.parse(d).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " must be YYYY-MM-DD");
        }
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
    }

    private static long parseLong(String s, long dflt, String what) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number");
        }
    }
}
