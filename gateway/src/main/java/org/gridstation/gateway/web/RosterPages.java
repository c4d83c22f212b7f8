package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.roster.Coverage;
import org.gridstation.gateway.roster.DayOverride;
import org.gridstation.gateway.roster.RosterFeature;
import org.gridstation.gateway.roster.ShiftCoverage;
import org.gridstation.gateway.roster.VolunteerSummary;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;

/**
 * The roster's server-rendered pages for grid leaders and volunteers (zh-CN, English with
 * {@code ?lang=en}): {@code /roster/week} (the week to plan, with a form per generated shift to
 * add or remove someone or cancel the day), {@code /roster/tonight} (tonight's coverage) and
 * {@code /people/{id}} (a volunteer's hours, points and upcoming shifts). Every action here is
 * also in the REST API.
 */
final class RosterPages {
    private static final String CSRF_SLOT = "<!--csrf-->";
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String STYLE = "<style>table{border-collapse:collapse;width:100%;font-size:18px}"
            + "td,th{border:1px solid #999;padding:6px;vertical-align:top}th{background:#f3e5e5}"
            + ".gap{background:#ffe0b2}.ok{background:#e8f5e9}.flag{color:#b71c1c;font-weight:bold}"
            + "form{margin-top:6px}select,button,input{font-size:16px}</style>";

    private final Town town;
    private final RosterFeature roster;
    private final Clock clock;

    RosterPages(Town town, RosterFeature roster, Clock clock) {
        this.town = town;
        this.roster = roster;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/roster/week", this::week);
        r.post("/roster/week/override", this::override);
        r.get("/roster/tonight", this::tonight);
        r.get("/people/{id}", this::person);
    }

    private void week(Context ctx) {
        String lang = Lang.of(ctx);
        boolean en = "en".equals(lang);
        LocalDate start = Bodies.date(ctx, "start", town.today().with(DayOfWeek.MONDAY));
        Optional<String> grid = Optional.ofNullable(ctx.queryParam("grid")).filter(g -> !g.isBlank());
        List<Station> stations = town.stations();
        Map<String, Map<LocalDate, List<ShiftCoverage>>> cells = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            LocalDate d = start.plusDays(i);
            List<ShiftCoverage> day = grid.isPresent() ? roster.coverage().on(d, grid.get(), lang) : roster.coverage().on(d, lang);
            for (ShiftCoverage c : day) {
                cells.computeIfAbsent(c.stationId(), s -> new HashMap<>()).computeIfAbsent(d, x -> new ArrayList<>()).add(c);
            }
        }
        List<Person> people = town.people();
        StringBuilder b = new StringBuilder(STYLE);
        String q = grid.map(g -> "&grid=" + enc(g)).orElse("") + (en ? "&lang=en" : "");
        b.append("<p><a href=\"/roster/week?start=").append(start.minusWeeks(1)).append(q).append("\">◀ ")
                .append(en ? "Previous week" : "上一周").append("</a> · <a href=\"/roster/week?start=").append(start.plusWeeks(1))
                .append(q).append("\">").append(en ? "Next week" : "下一周").append(" ▶</a> · <a href=\"/roster/tonight")
                .append(en ? "?lang=en" : "").append("\">").append(en ? "Tonight" : "今晚值班").append("</a></p>");
        b.append("<table><tr><th>").append(en ? "Station" : "站点").append("</th>");
        for (int i = 0; i < 7; i++) {
            LocalDate d = start.plusDays(i);
            b.append("<th>").append(d.getMonthValue()).append('/').append(d.getDayOfMonth()).append(' ')
                    .append(Html.esc(weekday(d.getDayOfWeek(), en))).append("</th>");
        }
        b.append("</tr>");
        for (Station st : stations) {
            Map<LocalDate, List<ShiftCoverage>> row = cells.get(st.id());
            if (row == null && grid.isPresent()) {
                continue;
            }
            b.append("<tr><th>").append(Html.esc(st.name())).append("</th>");
            for (int i = 0; i < 7; i++) {
                LocalDate d = start.plusDays(i);
                List<ShiftCoverage> shifts = row == null ? List.of() : row.getOrDefault(d, List.of());
                b.append("<td>");
                for (ShiftCoverage c : shifts) {
                    shiftCell(b, c, d, people, en);
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>");
        html(ctx, lang, (en ? "Duty roster, week of " : "值班排班 · ") + start, b.toString());
    }

    private void shiftCell(StringBuilder b, ShiftCoverage c, LocalDate d, List<Person> people, boolean en) {
        int unfilled = Math.max(0, c.required() - c.scheduled().size());
        b.append("<div class=\"").append(unfilled > 0 ? "gap" : "ok").append("\"><strong>").append(Html.esc(c.label()))
                .append("</strong> ").append(HM.format(c.start())).append('–').append(HM.format(c.end())).append("<br>");
        for (ShiftCoverage.Scheduled s : c.scheduled()) {
            b.append("<a href=\"/people/").append(enc(s.personId())).append(en ? "?lang=en" : "").append("\">")
                    .append(Html.esc(s.name())).append("</a><br>");
        }
        if (unfilled > 0) {
            b.append("<span class=\"flag\">").append(en ? "Missing " + unfilled : "缺 " + unfilled + " 人").append("</span>");
        }
        Optional<String> template = roster.store().templateOf(c.shiftId());
        if (template.isPresent()) {
            b.append("<form method=\"post\" action=\"/roster/week/override").append(en ? "?lang=en" : "").append("\">")
                    .append(CSRF_SLOT)
                    .append("<input type=\"hidden\" name=\"template\" value=\"").append(Html.esc(template.get())).append("\">")
                    .append("<input type=\"hidden\" name=\"date\" value=\"").append(d).append("\">")
                    .append("<select name=\"add\" aria-label=\"").append(en ? "Add" : "增加").append("\"><option value=\"\">")
                    .append(en ? "+ add" : "+ 增加").append("</option>");
            for (Person p : people) {
                b.append("<option value=\"").append(Html.esc(p.id())).append("\">").append(Html.esc(p.name())).append("</option>");
            }
            b.append("</select> <select name=\"remove\" aria-label=\"").append(en ? "Remove" : "移除").append("\"><option value=\"\">")
                    .append(en ? "− remove" : "− 移除").append("</option>");
            for (ShiftCoverage.Scheduled s : c.scheduled()) {
                b.append("<option value=\"").append(Html.esc(s.personId())).append("\">").append(Html.esc(s.name())).append("</option>");
            }
            b.append("</select> <label><input type=\"checkbox\" name=\"cancelled\" value=\"true\">")
                    .append(en ? "cancel" : "取消当天").append("</label> <button>").append(en ? "Save" : "保存").append("</button></form>");
        }
        b.append("</div>");
    }

    /** The week view's form: merges into the day's override, then back to the week. */
    private void override(Context ctx) {
        String template = ctx.formParam("template");
        LocalDate date = Bodies.date(String.valueOf(ctx.formParam("date")), "date");
        if (template == null) {
            throw new IllegalArgumentException("template is required");
        }
        Optional<DayOverride> old = roster.store().override(template, date);
        List<String> add = new ArrayList<>(old.map(DayOverride::add).orElse(List.of()));
        List<String> remove = new ArrayList<>(old.map(DayOverride::remove).orElse(List.of()));
        String a = ctx.formParam("add");
        String r = ctx.formParam("remove");
        if (a != null && !a.isBlank()) {
            remove.remove(a);
            if (!add.contains(a)) {
                add.add(a);
            }
        }
        if (r != null && !r.isBlank()) {
            add.remove(r);
            if (!remove.contains(r)) {
                remove.add(r);
            }
        }
        boolean cancelled = "true".equals(ctx.formParam("cancelled")) || old.map(DayOverride::cancelled).orElse(false);
        roster.planner().putOverride(new DayOverride(template, date, cancelled, old.flatMap(DayOverride::required), add, remove,
                old.flatMap(DayOverride::note)));
        ctx.redirect("/roster/week?start=" + date.with(DayOfWeek.MONDAY) + ("en".equals(Lang.of(ctx)) ? "&lang=en" : ""),
                HttpStatus.SEE_OTHER);
    }

    private void tonight(Context ctx) {
        String lang = Lang.of(ctx);
        boolean en = "en".equals(lang);
        StringBuilder b = new StringBuilder(STYLE);
        List<Coverage.VillageBoard> board = roster.coverage().tonight(clock.instant(), lang);
        if (board.isEmpty()) {
            b.append("<p class=\"muted\">").append(en ? "No duty scheduled tonight" : "今晚无排班").append("</p>");
        }
        b.append("<table><tr><th>").append(en ? "Village" : "村/社区").append("</th><th>").append(en ? "Shift" : "班次")
                .append("</th><th>").append(en ? "Scheduled" : "排班").append("</th><th>").append(en ? "Present" : "到岗")
                .append("</th><th>").append(en ? "Missing" : "缺岗").append("</th></tr>");
        for (Coverage.VillageBoard v : board) {
            for (ShiftCoverage c : v.shifts()) {
                b.append("<tr class=\"").append(c.gap() > 0 ? "gap" : "ok").append("\"><td>").append(Html.esc(v.name()))
                        .append("</td><td>").append(Html.esc(c.stationName())).append("<br>").append(Html.esc(c.label())).append(' ')
                        .append(HM.format(c.start())).append('–').append(HM.format(c.end())).append("</td><td>");
                c.scheduled().forEach(s -> b.append(Html.esc(s.name())).append("<br>"));
                b.append("</td><td>");
                c.present().forEach(p -> b.append(Html.esc(p.name())).append(p.checkedOutAt().isPresent() ? (en ? " (left)" : "（已签退）") : "")
                        .append(p.scheduled() ? "" : (en ? " (extra)" : "（增援）")).append("<br>"));
                b.append("</td><td>").append(c.gap() > 0 ? "<span class=\"flag\">" + c.gap() + "</span>" : "0").append("</td></tr>");
            }
        }
        b.append("</table>");
        html(ctx, lang, en ? "Tonight's coverage" : "今晚值班到岗", b.toString());
    }

    private void person(Context ctx) {
        String lang = Lang.of(ctx);
        boolean en = "en".equals(lang);
        String id = ctx.pathParam("id");
        Person p = town.person(id).orElseThrow(() -> new UnknownException("person", id));
        VolunteerSummary v = VolunteerSummary.of(p, town.today(), 28, town, roster, lang);
        StringBuilder b = new StringBuilder(STYLE);
        b.append("<dl><dt>").append(en ? "Role" : "身份").append("</dt><dd>").append(Html.esc(v.role())).append("</dd><dt>")
                .append(en ? "Hours on duty this month" : "本月值班时长").append("</dt><dd>").append(v.hoursThisMonth())
                .append(en ? " h" : " 小时").append("</dd><dt>").append(en ? "Points this month" : "本月积分").append("</dt><dd>")
                .append(v.pointsThisMonth().toPlainString()).append("</dd><dt>").append(en ? "Points in total" : "累计积分")
                .append("</dt><dd>").append(v.balance().toPlainString()).append("</dd></dl>");
        b.append("<h2>").append(en ? "Upcoming shifts" : "近期排班").append("</h2><ul>");
        if (v.upcoming().isEmpty()) {
            b.append("<li class=\"muted\">").append(en ? "None in the next four weeks" : "未来四周无排班").append("</li>");
        }
        for (VolunteerSummary.Upcoming u : v.upcoming()) {
            b.append("<li>").append(u.start().toLocalDate()).append(' ').append(Html.esc(weekday(u.start().getDayOfWeek(), en)))
                    .append(' ').append(HM.format(u.start())).append('–').append(HM.format(u.end())).append(" · ")
                    .append(Html.esc(u.stationName())).append(" · ").append(Html.esc(u.label())).append("</li>");
        }
        b.append("</ul><h2>").append(en ? "Points" : "积分明细").append("</h2><ul>");
        v.recentPoints().forEach(e -> b.append("<li>").append(e.points().signum() > 0 ? "+" : "").append(e.points().toPlainString())
                .append(" · ").append(Html.esc(e.reason())).append("</li>"));
        b.append("</ul>");
        if (!v.flags().isEmpty()) {
            b.append("<h2>").append(en ? "Attendance notes" : "考勤记录").append("</h2><ul>");
            v.flags().forEach(f -> b.append("<li class=\"flag\">").append(Html.esc(f.kindLabel())).append(" · ")
                    .append(Html.esc(f.shiftId())).append("</li>"));
            b.append("</ul>");
        }
        html(ctx, lang, p.name(), b.toString());
    }

    private static String weekday(DayOfWeek d, boolean en) {
        return en ? d.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH)
                : "周" + "一二三四五六日".charAt(d.getValue() - 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void html(Context ctx, String lang, String title, String body) {
        // every form carries the session's CSRF token (escaped text never contains the "<!--" of the slot)
        String csrf = "<input type=\"hidden\" name=\"" + AccessControl.CSRF_FIELD + "\" value=\""
                + Html.esc(AccessControl.csrf(ctx)) + "\">";
        ctx.contentType("text/html; charset=utf-8").result(Html.page(lang, title, body).replace(CSRF_SLOT, csrf));
    }
}
