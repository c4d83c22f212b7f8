package org.gridstation.gateway.points;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;

/** Monthly rankings (red flags, star grids) and the ledger as a spreadsheet. */
public final class PointsReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Points points;
    private final Town town;

    public PointsReport(Points points, Town town) {
        this.points = points;
        this.town = town;
    }

    /** A person's place in a month; equal totals share a rank. */
    public record PersonRank(int rank, String personId, String name, String gridId, String roleLabel, BigDecimal points) {
    }

    /** A grid's place in a month: the total and the average per member of its subtree. */
    public record GridRank(int rank, String gridId, String name, int members, BigDecimal points, BigDecimal average) {
    }

    /** Everyone in {@code gridId}'s subtree, highest total first, with their month's total (0 if none). */
    public List<PersonRank> people(YearMonth month, String gridId, String lang) {
        town.grid(gridId).orElseThrow(() -> new UnknownException("grid", gridId));
        Map<String, Long> totals = totals(month);
        List<Person> members = town.people().stream().filter(p -> inSubtree(p.gridId(), gridId)).toList();
        List<Person> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingLong((Person p) -> -totals.getOrDefault(p.id(), 0L)).thenComparing(Person::id));
        List<PersonRank> out = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        int rank = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Person p = sorted.get(i);
            long t = totals.getOrDefault(p.id(), 0L);
            if (t != previous) {
                rank = i + 1;
                previous = t;
            }
            out.add(new PersonRank(rank, p.id(), p.name(), p.gridId(), p.role().label(lang), Points.points(t)));
        }
        return out;
    }

    /** The grids directly below {@code parentId}, by average points per member, highest first. */
    public List<GridRank> grids(YearMonth month, String parentId) {
        town.grid(parentId).orElseThrow(() -> new UnknownException("grid", parentId));
        Map<String, Long> totals = totals(month);
        List<Person> people = town.people();
        List<GridRank> unranked = new ArrayList<>();
        for (Grid g : town.grids()) {
            if (!g.parentId().map(parentId::equals).orElse(false)) {
                continue;
            }
            List<Person> members = people.stream().filter(p -> inSubtree(p.gridId(), g.id())).toList();
            long sum = members.stream().mapToLong(p -> totals.getOrDefault(p.id(), 0L)).sum();
            long avg = members.isEmpty() ? 0 : Math.round((double) sum / members.size());
            unranked.add(new GridRank(0, g.id(), g.name(), members.size(), Points.points(sum), Points.points(avg)));
        }
        unranked.sort(Comparator.comparing(GridRank::average).reversed().thenComparing(GridRank::gridId));
        List<GridRank> out = new ArrayList<>();
        for (int i = 0; i < unranked.size(); i++) {
            GridRank g = unranked.get(i);
            int rank = i > 0 && out.get(i - 1).average().compareTo(g.average()) == 0 ? out.get(i - 1).rank() : i + 1;
            out.add(new GridRank(rank, g.gridId(), g.name(), g.members(), g.points(), g.average()));
        }
        return out;
    }

    /**
     * The month's ledger as CSV for Excel: UTF-8 with a byte-order mark (without it Chinese Excel
     * reads the file as GBK), CRLF line ends, every field quoted.
     */
    public byte[] csv(YearMonth month) {
        Map<String, Person> people = new HashMap<>();
        town.people().forEach(p -> people.put(p.id(), p));
        StringBuilder b = new StringBuilder();
        line(b, "序号", "时间", "人员编号", "姓名", "网格", "规则", "积分", "事由", "关联");
        for (LedgerEntry e : points.month(month)) {
            Person p = people.get(e.personId());
            line(b, Long.toString(e.id()), TIME.format(e.at().atZone(town.zone())), e.personId(),
                    p == null ? "" : p.name(), p == null ? "" : p.gridId(), e.rule(), e.points().toPlainString(), e.reason(), e.ref());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void line(StringBuilder b, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields[i];
            // a leading = + - @ would make Excel evaluate the cell as a formula
            if (!f.isEmpty() && "=+-@".indexOf(f.charAt(0)) >= 0 && !f.matches("-?[0-9.]+")) {
                f = "'" + f;
            }
            b.append('"').append(f.replace("\"", "\"\"")).append('"');
        }
        b.append("\r\n");
    }

    private Map<String, Long> totals(YearMonth month) {
        Map<String, Long> totals = new HashMap<>();
        for (LedgerEntry e : points.month(month)) {
            totals.merge(e.personId(), e.points().movePointRight(2).longValueExact(), Long::sum);
        }
        return totals;
    }

    private boolean inSubtree(String gridId, String ancestorId) {
        return town.gridChain(gridId).stream().anyMatch(g -> g.id().equals(ancestorId));
    }
}
