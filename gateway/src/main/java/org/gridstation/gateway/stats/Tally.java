package org.gridstation.gateway.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gridstation.protocol.ticket.LadderLevel;

/**
 * Adds up one group's incidents, deadlines and whistles into {@link Figures}. Tallies add up: a
 * month's cell is stored as {@link #toBytes} and {@link #addBytes added} into any report that
 * covers the month, and the figures come out the same as from the raw rows (medians to a bucket of
 * {@link DurationHistogram}). Whether an unreported whistle is overdue or pending depends on
 * the time of the report, so its deadline is kept and judged in {@link #figures}. Not
 * thread-safe; one per group per report.
 */
final class Tally {
    private static final int FORMAT = 1;
    private static final int LEVELS = LadderLevel.values().length;

    private int incidents;
    private int duplicates;
    private int resolved;
    private int resolvedInTeam;
    private int resolvedInVillage;
    private int resolvedAtTown;
    private int escalatedToTown;
    private int rated;
    private int satisfied;
    private int basicallySatisfied;
    private int dissatisfied;
    private final DurationHistogram accept = new DurationHistogram();
    private final DurationHistogram resolve = new DurationHistogram();
    private final int[] met = new int[LEVELS];
    private final int[] missed = new int[LEVELS];
    private final Map<String, Department> departments = new TreeMap<>();

    /** One department's whistles: final counts, and the deadlines of those not yet reported. */
    private static final class Department {
        int whistles;
        int onTime;
        int late;
        int scored;
        int scoreSum;
        final List<Long> unreportedDue = new ArrayList<>();
    }

    void incident(IncidentStats.Row r) {
        rating(r);
        if (r.duplicate()) {
            duplicates++;
            return;
        }
        incidents++;
        if (r.level() == LadderLevel.TOWN) {
            escalatedToTown++;
        }
        r.acceptedAt().ifPresent(a -> accept.add(a - r.createdAt()));
        if (r.resolved()) {
            resolved++;
            switch (r.level()) {
                case TEAM, AREA -> resolvedInTeam++;
                case VILLAGE -> resolvedInVillage++;
                case TOWN -> resolvedAtTown++;
            }
            resolve.add(r.resolvedAt().orElseThrow() - r.createdAt());
        }
    }

    private void rating(IncidentStats.Row r) {
        if (r.rating().isEmpty()) {
            return;
        }
        rated++;
        switch (r.rating().get()) {
            case SATISFIED -> satisfied++;
            case BASICALLY_SATISFIED -> basicallySatisfied++;
            case DISSATISFIED -> dissatisfied++;
        }
    }

    void timers(IncidentStats.Timers t) {
        // summed in the store per grid, category and month (or per department), not per incident
        met[t.level().ordinal()] += t.met();
        missed[t.level().ordinal()] += t.missed();
    }

    void whistle(IncidentStats.WhistleRow w) {
        Department d = departments.computeIfAbsent(w.departmentId(), k -> new Department());
        d.whistles++;
        if (w.reportedAt().isPresent()) {
            if (w.reportedAt().get() <= w.dueAt()) {
                d.onTime++;
            } else {
                d.late++;
            }
        } else {
            d.unreportedDue.add(w.dueAt());
        }
        if (w.score().isPresent()) {
            d.scored++;
            d.scoreSum += w.score().get();
        }
    }

    /** The figures as of {@code now} (an unreported whistle is overdue once its deadline has passed). */
    Figures figures(String lang, Map<String, String> departmentNames, Instant now) {
        List<Figures.LevelCompliance> levels = new ArrayList<>();
        for (LadderLevel l : LadderLevel.values()) {
            levels.add(new Figures.LevelCompliance(l.wire(), l.label(lang), met[l.ordinal()], missed[l.ordinal()],
                    ratio(met[l.ordinal()], met[l.ordinal()] + missed[l.ordinal()])));
        }
        List<Figures.DepartmentFigures> depts = new ArrayList<>();
        departments.forEach((id, d) -> {
            int overdue = (int) d.unreportedDue.stream().filter(due -> due <= now.toEpochMilli()).count();
            int pending = d.unreportedDue.size() - overdue;
            depts.add(new Figures.DepartmentFigures(id, departmentNames.getOrDefault(id, id), d.whistles, d.onTime,
                    d.late, overdue, pending, ratio(d.onTime, d.onTime + d.late + overdue), d.scored, d.scoreSum,
                    ratio(d.scoreSum, d.scored)));
        });
        return new Figures(incidents, duplicates, resolved, resolvedInTeam, resolvedInVillage, resolvedAtTown,
                escalatedToTown, ratio(resolvedInTeam, incidents), ratio(resolvedInVillage, incidents),
                ratio(escalatedToTown, incidents), (int) accept.total(), accept.medianSeconds(),
                resolve.medianSeconds(), levels, depts, rated, satisfied, basicallySatisfied, dissatisfied,
                ratio(satisfied + basicallySatisfied, rated));
    }

    static Optional<Double> ratio(int part, int whole) {
        return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }

    /** This tally as the bytes of a stored cell. */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            for (int v : new int[] {incidents, duplicates, resolved, resolvedInTeam, resolvedInVillage, resolvedAtTown,
                escalatedToTown, rated, satisfied, basicallySatisfied, dissatisfied}) {
                Varints.write(out, v);
            }
            Varints.write(out, LEVELS);
            for (int l = 0; l < LEVELS; l++) {
                Varints.write(out, met[l]);
                Varints.write(out, missed[l]);
            }
            accept.write(out);
            resolve.write(out);
            Varints.write(out, departments.size());
            for (Map.Entry<String, Department> e : departments.entrySet()) {
                Department d = e.getValue();
                out.writeUTF(e.getKey());
                for (int v : new int[] {d.whistles, d.onTime, d.late, d.scored, d.scoreSum, d.unreportedDue.size()}) {
                    Varints.write(out, v);
                }
                for (long due : d.unreportedDue.stream().sorted().toList()) { // the same cell, the same bytes
                    Varints.write(out, due);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Adds a stored cell's tally into each of {@code into}.
     *
     * @throws IOException when the bytes are not a tally of this format (the caller recomputes the cell)
     */
    static void addBytes(byte[] cell, Tally... into) throws IOException {
        DataInput in = new DataInputStream(new ByteArrayInputStream(cell));
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("tally format " + format + ", expected " + FORMAT);
        }
        int[] counts = new int[11];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = Varints.read(in);
        }
        int levels = Varints.read(in);
        if (levels != LEVELS) {
            throw new IOException(levels + " rungs, expected " + LEVELS);
        }
        int[] levelCounts = new int[2 * LEVELS];
        for (int k = 0; k < levelCounts.length; k++) {
            levelCounts[k] = Varints.read(in);
        }
        int[] a = DurationHistogram.readPairs(in);
        int[] r = DurationHistogram.readPairs(in);
        int n = Varints.read(in);
        List<String> ids = new ArrayList<>(n);
        List<Department> depts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ids.add(in.readUTF());
            Department d = new Department();
            d.whistles = Varints.read(in);
            d.onTime = Varints.read(in);
            d.late = Varints.read(in);
            d.scored = Varints.read(in);
            d.scoreSum = Varints.read(in);
            int unreported = Varints.read(in);
            for (int u = 0; u < unreported; u++) {
                d.unreportedDue.add(Varints.readLong(in));
            }
            depts.add(d);
        }
        for (Tally t : into) {
            t.incidents += counts[0];
            t.duplicates += counts[1];
            t.resolved += counts[2];
            t.resolvedInTeam += counts[3];
            t.resolvedInVillage += counts[4];
            t.resolvedAtTown += counts[5];
            t.escalatedToTown += counts[6];
            t.rated += counts[7];
            t.satisfied += counts[8];
            t.basicallySatisfied += counts[9];
            t.dissatisfied += counts[10];
            for (int l = 0; l < LEVELS; l++) {
                t.met[l] += levelCounts[2 * l];
                t.missed[l] += levelCounts[2 * l + 1];
            }
            t.accept.addPairs(a);
            t.resolve.addPairs(r);
            for (int k = 0; k < n; k++) {
                Department from = depts.get(k);
                Department d = t.departments.computeIfAbsent(ids.get(k), x -> new Department());
                d.whistles += from.whistles;
                d.onTime += from.onTime;
                d.late += from.late;
                d.scored += from.scored;
                d.scoreSum += from.scoreSum;
                d.unreportedDue.addAll(from.unreportedDue);
            }
        }
    }
}
