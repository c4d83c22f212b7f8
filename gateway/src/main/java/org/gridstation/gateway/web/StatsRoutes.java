package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.gridstation.gateway.stats.GroupBy;
import org.gridstation.gateway.stats.IncidentStats;
import org.gridstation.gateway.stats.StatsCsv;
import org.gridstation.gateway.stats.StatsQuery;
import org.gridstation.gateway.stats.StatsReport;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.Category;

/**
 * Incident statistics: {@code GET /api/v1/stats} (JSON), {@code GET /api/v1/stats.csv} and the
 * chart page {@code GET /stats}, all with the same parameters: {@code from}, {@code to}
 * (town dates, default the last 30 days up to today), {@code by} (grid, category, department,
 * month; default grid), and the filters {@code grid}, {@code category}, {@code department}.
 */
public final class StatsRoutes {
    private final IncidentStats stats;
    private final Town town;

    public StatsRoutes(IncidentStats stats, Town town) {
        this.stats = stats;
        this.town = town;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/stats", ctx -> ctx.json(report(ctx)));
        r.get("/api/v1/stats.csv", ctx -> {
            StatsReport rep = report(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"gridstation-stats-" + rep.by() + "-"
                    + rep.from() + "-" + rep.to() + ".csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(StatsCsv.write(rep, Lang.of(ctx)));
        });
        r.get("/stats", ctx -> {
            String lang = Lang.of(ctx);
            boolean en = "en".equals(lang);
            String html;
            try {
                html = StatsPage.render(stats.report(query(ctx), lang), lang,
                        ctx.queryString() == null ? "" : ctx.queryString());
            } catch (IllegalArgumentException | UnknownException e) {
                ctx.status(e instanceof UnknownException ? 404 : 400);
                html = Html.page(lang, en ? "Incident statistics" : "事件统计", "<p>"
                        + (en ? "The statistics could not be shown: " : "无法显示统计：") + Html.esc(e.getMessage())
                        + "</p><p><a href=\"/stats" + (en ? "?lang=en" : "") + "\">"
                        + (en ? "Show the last 30 days" : "查看最近30天") + "</a></p>");
            }
            ctx.contentType("text/html; charset=utf-8").result(html);
        });
    }

    private StatsReport report(Context ctx) {
        return stats.report(query(ctx), Lang.of(ctx));
    }

    StatsQuery query(Context ctx) {
        LocalDate to = IncidentsApi.param(ctx, "to").map(d -> date(d, "to")).orElse(town.today());
        LocalDate from = IncidentsApi.param(ctx, "from").map(d -> date(d, "from")).orElse(to.minusDays(29));
        GroupBy by = GroupBy.of(IncidentsApi.param(ctx, "by").orElse("grid"));
        Optional<Category> category = IncidentsApi.param(ctx, "category").map(c -> {
            try {
                return Category.of(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown category " + c);
            }
        });
        return new StatsQuery(from, to, IncidentsApi.param(ctx, "grid"), category, IncidentsApi.param(ctx, "department"),
                by);
    }

    private static LocalDate date(String d, String what) {
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " must be YYYY-MM-DD");
        }
    }
}
