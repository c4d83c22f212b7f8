package org.gridstation.gateway.stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A report as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel on a town office PC
 * reads the Chinese), CRLF line ends, a header row in the reader's language, one row for the
 * whole report ({@code *}, 合计) then one per group, each with its key (id) and its label. Rates
 * are fractions with 4 decimals; an undefined rate or median is an empty cell.
 */
public final class StatsCsv {
    private StatsCsv() {
    }

    private record Column(String zh, String en, Function<Figures, String> value) {
    }

    private static final List<Column> COLUMNS = columns();

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("事件数", "Incidents", f -> num(f.incidents())));
        c.add(new Column("合并重复诉求", "Merged duplicates", f -> num(f.duplicates())));
        c.add(new Column("已解决", "Resolved", f -> num(f.resolved())));
        c.add(new Column("队内解决", "Resolved in the team", f -> num(f.resolvedInTeam())));
        c.add(new Column("村内解决", "Resolved in the village", f -> num(f.resolvedInVillage())));
        c.add(new Column("镇级解决", "Resolved at the town", f -> num(f.resolvedAtTown())));
        c.add(new Column("上报到镇", "Escalated to the town", f -> num(f.escalatedToTown())));
        c.add(new Column("队内解决率", "Team share", f -> rate(f.resolvedInTeamShare())));
        c.add(new Column("村内解决率", "Village share", f -> rate(f.resolvedInVillageShare())));
        c.add(new Column("上报到镇比例", "Town share", f -> rate(f.escalatedToTownShare())));
        c.add(new Column("受理时长中位数（分钟）", "Median to accept (minutes)", f -> minutes(f.medianAcceptSeconds())));
        c.add(new Column("办结时长中位数（小时）", "Median to resolve (hours)", f -> hours(f.medianResolveSeconds())));
        for (int i = 0; i < 4; i++) {
            int level = i;
            String[] zh = {"服务队", "片区网格", "村", "镇"};
            String[] en = {"Team", "Area", "Village", "Town"};
            c.add(new Column(zh[i] + "时限达标", en[i] + " limits met", f -> num(f.levels().get(level).met())));
            c.add(new Column(zh[i] + "时限超时", en[i] + " limits missed", f -> num(f.levels().get(level).missed())));
            c.add(new Column(zh[i] + "时限达标率", en[i] + " compliance", f -> rate(f.levels().get(level).rate())));
        }
        c.add(new Column("吹哨次数", "Whistles", f -> num(sum(f, Figures.DepartmentFigures::whistles))));
        c.add(new Column("按时报到", "Reported on time", f -> num(sum(f, Figures.DepartmentFigures::reportedOnTime))));
        c.add(new Column("报到及时率", "Report compliance", f -> {
            int on = sum(f, Figures.DepartmentFigures::reportedOnTime);
            int all = on + sum(f, Figures.DepartmentFigures::reportedLate) + sum(f, Figures.DepartmentFigures::overdue);
            return rate(Tally.ratio(on, all));
        }));
        c.add(new Column("部门评分合计", "Department score sum", f -> num(sum(f, Figures.DepartmentFigures::scoreSum))));
        c.add(new Column("部门评分次数", "Department scores", f -> num(sum(f, Figures.DepartmentFigures::scored))));
        c.add(new Column("部门平均分", "Department average score", f -> rate(Tally.ratio(
                sum(f, Figures.DepartmentFigures::scoreSum), sum(f, Figures.DepartmentFigures::scored)))));
        c.add(new Column("评价数", "Rated", f -> num(f.rated())));
        c.add(new Column("满意", "Satisfied", f -> num(f.satisfied())));
        c.add(new Column("基本满意", "Basically satisfied", f -> num(f.basicallySatisfied())));
        c.add(new Column("不满意", "Dissatisfied", f -> num(f.dissatisfied())));
        c.add(new Column("满意率", "Satisfaction", f -> rate(f.satisfaction())));
        return List.copyOf(c);
    }

    /** The CSV's bytes, starting with the UTF-8 byte-order mark. */
    public static byte[] write(StatsReport r, String lang) {
        boolean en = "en".equals(lang);
        StringBuilder b = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of(en ? "Key" : "编号", en ? "Group" : "分组"));
        COLUMNS.forEach(c -> header.add(en ? c.en() : c.zh()));
        line(b, header);
        line(b, row("*", en ? "Total" : "合计", r.total()));
        for (StatsReport.Group g : r.groups()) {
            line(b, row(g.key(), g.label(), g.figures()));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> row(String key, String label, Figures f) {
        List<String> out = new ArrayList<>(List.of(key, label));
        COLUMNS.forEach(c -> out.add(c.value().apply(f)));
        return out;
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /** RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it. */
    public static String cell(String s) {
        String t = s;
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0 && !t.matches("-?[0-9.]+")) {
            t = "'" + t;
        }
        if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")) {
            return '"' + t.replace("\"", "\"\"") + '"';
        }
        return t;
    }

    private static int sum(Figures f, java.util.function.ToIntFunction<Figures.DepartmentFigures> field) {
        return f.departments().stream().mapToInt(field).sum();
    }

    private static String num(int n) {
        return Integer.toString(n);
    }

    private static String rate(Optional<Double> r) {
        return r.map(x -> String.format(Locale.ROOT, "%.4f", x)).orElse("");
    }

    private static String minutes(Optional<Double> seconds) {
        return seconds.map(s -> String.format(Locale.ROOT, "%.1f", s / 60)).orElse("");
    }

    private static String hours(Optional<Double> seconds) {
        return seconds.map(s -> String.format(Locale.ROOT, "%.2f", s / 3600)).orElse("");
    }
}
