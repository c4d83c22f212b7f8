package org.gridstation.gateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridstation.gateway.stats.Figures;
import org.gridstation.gateway.stats.GroupBy;
import org.gridstation.gateway.stats.StatsReport;

/**
 * The statistics page of the dashboard ({@code /stats}): a period and grouping form (plain GET,
 * no script), the headline figures, inline SVG bar charts per group, and links to the CSV and
 * JSON of the same report. zh-CN unless {@code ?lang=en}.
 */
final class StatsPage {
    private StatsPage() {
    }

    private static final String STYLE = """
            <style>
            form.period{display:flex;flex-wrap:wrap;gap:10px;align-items:end}
            form.period label{display:flex;flex-direction:column;font-size:18px}
            form.period input,form.period select,form.period button{font-size:20px;padding:6px}
            .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;margin:16px 0}
            .tile{border:2px solid #b71c1c;border-radius:10px;padding:8px 12px}
            .tile b{display:block;font-size:28px}
            figure.chart{margin:16px 0}
            figcaption{font-weight:bold;margin-bottom:4px}
            .legend span{margin-right:14px;white-space:nowrap}
            .legend i{display:inline-block;width:16px;height:16px;margin-right:4px;vertical-align:middle}
            .links a{margin-right:16px}
            </style>
            """;

    static String render(StatsReport r, String lang, String queryString) {
        boolean en = "en".equals(lang);
        Figures t = r.total();
        StringBuilder b = new StringBuilder(STYLE);
        b.append("<p class=\"links\"><a href=\"/").append(en ? "?lang=en" : "").append("\">")
                .append(en ? "← Dashboard" : "← 返回指挥中心").append("</a></p>");
        form(b, r, en);
        b.append("<p class=\"muted\">").append(Html.esc(r.from())).append(" — ").append(Html.esc(r.to()))
                .append(en ? " (received, town time)" : "（按受理日期，镇时区）").append("</p>");
        b.append("<div class=\"tiles\">");
        tile(b, en ? "Incidents" : "事件数", Integer.toString(t.incidents()));
        tile(b, en ? "Resolved in the team" : "队内解决率", BarChart.percent(t.resolvedInTeamShare()));
        tile(b, en ? "Resolved in the village" : "村内解决率", BarChart.percent(t.resolvedInVillageShare()));
        tile(b, en ? "Escalated to the town" : "上报到镇", BarChart.percent(t.escalatedToTownShare()));
        tile(b, en ? "Satisfaction" : "满意率", BarChart.percent(t.satisfaction()));
        tile(b, en ? "Median to accept" : "受理时长中位数", duration(t.medianAcceptSeconds(), en));
        tile(b, en ? "Median to resolve" : "办结时长中位数", duration(t.medianResolveSeconds(), en));
        b.append("</div>");

        List<String> shares = en ? List.of("Team", "Village", "Town") : List.of("队内解决", "村内解决", "上报到镇");
        b.append("<h2>").append(en ? "Where incidents were handled" : "解决层级").append("</h2>")
                .append(BarChart.legend(shares));
        List<BarChart.Bar> ladder = new ArrayList<>();
        List<BarChart.Bar> satisfaction = new ArrayList<>();
        List<BarChart.Bar> accept = new ArrayList<>();
        List<BarChart.Bar> resolve = new ArrayList<>();
        for (StatsReport.Group g : r.groups()) {
            Figures f = g.figures();
            ladder.add(new BarChart.Bar(g.label(), f.incidents() == 0 ? List.of() : List.of(
                    f.resolvedInTeamShare().orElse(0.0), f.resolvedInVillageShare().orElse(0.0),
                    f.escalatedToTownShare().orElse(0.0)), f.incidents() + (en ? " incidents" : " 件")));
            satisfaction.add(BarChart.Bar.of(g.label(), f.satisfaction(), BarChart.percent(f.satisfaction())
                    + " (" + f.rated() + ")"));
            accept.add(BarChart.Bar.of(g.label(), f.medianAcceptSeconds().map(s -> s / 60),
                    duration(f.medianAcceptSeconds(), en)));
            resolve.add(BarChart.Bar.of(g.label(), f.medianResolveSeconds().map(s -> s / 3600),
                    duration(f.medianResolveSeconds(), en)));
        }
        b.append(BarChart.svg(en ? "Share of incidents, by group" : "各分组解决层级占比", ladder, 1.0));
        b.append("<h2>").append(en ? "Time limits" : "时限达标").append("</h2>");
        List<BarChart.Bar> levels = new ArrayList<>();
        for (Figures.LevelCompliance l : t.levels()) {
            levels.add(BarChart.Bar.of(l.levelLabel(), l.rate(), BarChart.percent(l.rate()) + " (" + l.met() + "/"
                    + (l.met() + l.missed()) + ")"));
        }
        b.append(BarChart.svg(en ? "Deadlines met, per rung" : "各层级时限达标率", levels, 1.0));
        List<BarChart.Bar> depts = new ArrayList<>();
        List<BarChart.Bar> scores = new ArrayList<>();
        for (Figures.DepartmentFigures d : t.departments()) {
            int counted = d.reportedOnTime() + d.reportedLate() + d.overdue();
            depts.add(BarChart.Bar.of(d.name(), d.compliance(), BarChart.percent(d.compliance()) + " ("
                    + d.reportedOnTime() + "/" + counted + ")"));
            scores.add(BarChart.Bar.of(d.name(), d.scoreAverage(), d.scoreAverage().map(a -> String.format(Locale.ROOT,
                    "%.2f", a)).orElse("—") + (en ? " · sum " : " · 合计 ") + d.scoreSum()));
        }
        b.append(BarChart.svg(en ? "Departments on site in time (报到)" : "部门按时报到率", depts, 1.0));
        b.append(BarChart.svg(en ? "Department scores (average of 1–5)" : "部门评分（平均分，满分5分）", scores, 5.0));
        b.append("<h2>").append(en ? "Villagers' satisfaction" : "群众满意度").append("</h2>");
        b.append(BarChart.svg(en ? "Satisfied + basically satisfied, of rated" : "满意及基本满意占评价数", satisfaction, 1.0));
        b.append("<h2>").append(en ? "How long it takes" : "办理时长").append("</h2>");
        b.append(BarChart.svg(en ? "Median time to accept (minutes)" : "受理时长中位数（分钟）", accept, 0));
        b.append(BarChart.svg(en ? "Median time to resolve (hours)" : "办结时长中位数（小时）", resolve, 0));
        String q = queryString.isEmpty() ? "" : "?" + queryString;
        b.append("<p class=\"links\"><a href=\"/api/v1/stats.csv").append(Html.esc(q)).append("\">")
                .append(en ? "Download CSV" : "导出 CSV").append("</a><a href=\"/api/v1/stats").append(Html.esc(q))
                .append("\">JSON</a></p>");
        return Html.page(lang, en ? "Incident statistics" : "事件统计", b.toString(),
                "/stats?" + otherLanguage(queryString, en));
    }

    /** The same query in the other language. */
    static String otherLanguage(String queryString, boolean en) {
        StringBuilder q = new StringBuilder();
        for (String part : queryString.split("&")) {
            if (!part.isEmpty() && !part.startsWith("lang=")) {
                q.append(part).append('&');
            }
        }
        return q.append("lang=").append(en ? "zh" : "en").toString();
    }

    private static void form(StringBuilder b, StatsReport r, boolean en) {
        b.append("<form class=\"period\" method=\"get\" action=\"/stats\">");
        b.append("<label>").append(en ? "From" : "开始日期").append("<input type=\"date\" name=\"from\" value=\"")
                .append(Html.esc(r.from())).append("\"></label>");
        b.append("<label>").append(en ? "To" : "结束日期").append("<input type=\"date\" name=\"to\" value=\"")
                .append(Html.esc(r.to())).append("\"></label>");
        b.append("<label>").append(en ? "Group by" : "分组").append("<select name=\"by\">");
        String[][] options = {{"grid", "网格", "Grid"}, {"category", "类别", "Category"},
                {"department", "部门", "Department"}, {"month", "月份", "Month"}};
        for (String[] o : options) {
            b.append("<option value=\"").append(o[0]).append('"').append(GroupBy.of(o[0]).wire().equals(r.by())
                    ? " selected" : "").append('>').append(en ? o[2] : o[1]).append("</option>");
        }
        b.append("</select></label>");
        r.grid().ifPresent(g -> hidden(b, "grid", g));
        r.category().ifPresent(c -> hidden(b, "category", c));
        r.department().ifPresent(d -> hidden(b, "department", d));
        if (en) {
            hidden(b, "lang", "en");
        }
        b.append("<button type=\"submit\">").append(en ? "Show" : "查询").append("</button></form>");
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(Html.esc(value)).append("\">");
    }

    private static void tile(StringBuilder b, String label, String value) {
        b.append("<div class=\"tile\">").append(Html.esc(label)).append("<b>").append(Html.esc(value)).append("</b></div>");
    }

    private static String duration(Optional<Double> seconds, boolean en) {
        if (seconds.isEmpty()) {
            return "—";
        }
        double s = seconds.get();
        if (s < 3600) {
            return String.format(Locale.ROOT, en ? "%.0f min" : "%.0f 分钟", s / 60);
        }
        return String.format(Locale.ROOT, en ? "%.1f h" : "%.1f 小时", s / 3600);
    }
}
