package org.gridstation.gateway.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.gridstation.gateway.downlink.StationDownlinks;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.Step;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.roster.Coverage;
import org.gridstation.gateway.roster.ShiftCoverage;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.event.Rating;

/**
 * The pages anyone may open without signing in, reached from the QR codes on the kiosk:
 * {@code /stations/{id}}, the station's public wall (公示, 亮身份: services, the grid chain's
 * leaders with their published contact numbers, tonight's duty), and {@code /tickets/{ticket}},
 * where a villager follows a request. The ticket page shows no personal data: no phone number,
 * no note, no names.
 */
final class PublicPages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Town town;
    private final StationDownlinks wall;
    private final Coverage coverage;
    private final Incidents incidents;
    private final Clock clock;

    PublicPages(Town town, StationDownlinks wall, Coverage coverage, Incidents incidents, Clock clock) {
        this.town = town;
        this.wall = wall;
        this.coverage = coverage;
        this.incidents = incidents;
        this.clock = clock;
    }

    void station(Context ctx) {
        String lang = Lang.of(ctx);
        boolean en = "en".equals(lang);
        String id = ctx.pathParam("id");
        Station station = town.station(id).orElseThrow(() -> new UnknownException("station", id));
        StationConfig config = wall.config(station, 0, clock.instant());
        StringBuilder b = new StringBuilder();
        b.append("<h2>").append(en ? "Services" : "服务项目").append("</h2><ul>");
        for (StationConfig.Service s : config.services()) {
            b.append("<li>").append(Html.esc(s.name())).append(" <span class=\"muted\">")
                    .append(Html.esc(s.hours())).append("</span></li>");
        }
        b.append("</ul><h2>").append(en ? "Tonight on duty" : "今晚值班").append("</h2><ul>");
        List<ShiftCoverage> tonight = coverage.on(wall.dutyDate(station, clock.instant()), lang).stream()
                .filter(c -> c.stationId().equals(id)).toList();
        if (tonight.isEmpty()) {
            b.append("<li class=\"muted\">").append(en ? "No duty scheduled tonight" : "今晚无排班").append("</li>");
        }
        for (ShiftCoverage shift : tonight) {
            b.append("<li><strong>").append(Html.esc(shift.label())).append(' ')
                    .append(shift.start().toLocalTime()).append('–').append(shift.end().toLocalTime()).append("</strong><br>");
            for (ShiftCoverage.Scheduled v : shift.scheduled()) {
                boolean here = shift.present().stream().anyMatch(p -> p.personId().equals(v.personId()) && p.checkedOutAt().isEmpty());
                b.append(Html.esc(v.name())).append("（").append(Html.esc(v.roleLabel())).append("）")
                        .append(here ? (en ? " ✔ on duty" : " ✔ 已到岗") : "").append("<br>");
            }
            b.append("</li>");
        }
        b.append("</ul><h2>").append(en ? "Grid leaders" : "网格负责人").append("</h2><ul>");
        for (StationConfig.GridLevel level : config.gridChain()) {
            for (StationConfig.Leader l : level.leaders()) {
                b.append("<li><strong>").append(Html.esc(l.name())).append("</strong> · ")
                        .append(Html.esc(l.role().label(lang))).append(" · ").append(Html.esc(level.name()));
                l.phone().ifPresent(p -> b.append(" · <a href=\"tel:").append(Html.esc(p)).append("\">")
                        .append(Html.esc(p)).append("</a>"));
                l.duties().ifPresent(d -> b.append("<br><span class=\"muted\">").append(Html.esc(d)).append("</span>"));
                b.append("</li>");
            }
        }
        b.append("</ul>");
        ctx.contentType("text/html; charset=utf-8").result(Html.page(lang, station.name(), b.toString()));
    }

    void ticket(Context ctx) {
        String lang = Lang.of(ctx);
        boolean en = "en".equals(lang);
        String id = ctx.pathParam("ticket");
        Incident incident = incidents.get(id).orElseThrow(() -> new UnknownException("ticket", id));
        // a merged duplicate follows the incident it was merged into: its reporter gets the same answer
        Incident shown = incident.duplicateOf().flatMap(incidents::get).orElse(incident);
        ZoneId zone = town.zone();
        String stationName = town.station(incident.stationId()).map(Station::name).orElse(incident.stationId());
        StringBuilder b = new StringBuilder();
        b.append("<p><span class=\"status").append(shown.status().open() ? " open" : "").append("\">")
                .append(Html.esc(shown.status().label(lang))).append("</span></p>");
        shown.statusNote().ifPresent(n -> b.append("<h2>").append(en ? "Answer" : "办理结果").append("</h2><p>")
                .append(Html.esc(n)).append("</p>"));
        b.append("<dl>");
        row(b, en ? "Ticket" : "编号", incident.id());
        row(b, en ? "Station" : "受理站点", stationName);
        row(b, en ? "Category" : "类别", incident.category().label(lang));
        row(b, en ? "Severity" : "等级", incident.severity().label(lang));
        row(b, en ? "Handled by" : "办理层级", shown.level().label(lang));
        row(b, en ? "Received" : "受理时间", time(incident.createdAt(), zone));
        incident.rating().ifPresent(r -> row(b, en ? "Your rating" : "您的评价", r.label(lang)));
        b.append("</dl><h2>").append(en ? "Progress" : "办理进度").append("</h2><ol class=\"steps\">");
        for (Step st : incidents.steps(shown.id())) {
            if (st.action() == Step.Action.OVERDUE || st.action() == Step.Action.SCORED) {
                continue; // internal bookkeeping, not news for the villager
            }
            b.append("<li>").append(Html.esc(time(st.at(), zone))).append(" · ").append(Html.esc(st.action().label(lang)))
                    .append("</li>");
        }
        b.append("</ol>");
        if (!shown.status().open()) {
            b.append("<h2>").append(en ? "How was it handled?" : "您对办理结果满意吗？").append("</h2>")
                    .append("<form method=\"post\" action=\"/tickets/").append(Html.esc(incident.id()))
                    .append("/feedback").append(en ? "?lang=en" : "").append("\" class=\"rating\">");
            for (Rating r : Rating.values()) {
                b.append("<button name=\"rating\" value=\"").append(r.wire()).append("\">")
                        .append(Html.esc(r.label(lang))).append("</button> ");
            }
            b.append("</form><p class=\"muted\">").append(en ? "Dissatisfied reopens the ticket." : "选择“不满意”，诉求将重新办理。")
                    .append("</p>");
        }
        b.append("<p class=\"muted\">").append(en
                ? "Every request gets an answer. Keep this page to follow your ticket."
                : "事事有落实、件件有回音。请保存本页，随时查看办理进度。").append("</p>");
        ctx.contentType("text/html; charset=utf-8")
                .result(Html.page(lang, (en ? "Ticket " : "诉求 ") + incident.id(), b.toString()));
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("<dt>").append(Html.esc(label)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }

    private static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }
}
