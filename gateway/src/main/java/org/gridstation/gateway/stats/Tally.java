package org.gridstation.gateway.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gridstation.protocol.ticket.LadderLevel;

/** Adds up one group's rows into {@link Figures}. Not thread-safe; one per group per report. */
final class Tally {
    private int incidents;
    private int duplicates;
    private int resolved;
    private int resolvedInTeam;
    private int resolvedInVillage;
    private int resolvedAtTown;
    private int escalatedToTown;
    private final List<Long> acceptMillis = new ArrayList<>();
    private final List<Long> resolveMillis = new ArrayList<>();
    private final int[] met = new int[LadderLevel.values().length];
    private final int[] missed = new int[LadderLevel.values().length];
    private final Map<String, int[]> departments = new TreeMap<>();
    private int rated;
    private int satisfied;
    private int basicallySatisfied;
    private int dissatisfied;

    // department counters, by index
    private static final int WHISTLES = 0;
    private static final int ON_TIME = 1;
    private static final int LATE = 2;
    private static final int OVERDUE = 3;
    private static final int PENDING = 4;
    private static final int SCORED = 5;
    private static final int SCORE_SUM = 6;

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
        r.acceptedAt().ifPresent(a -> acceptMillis.add(a - r.createdAt()));
        if (r.resolved()) {
            resolved++;
            switch (r.level()) {
                case TEAM, AREA -> resolvedInTeam++;
                case VILLAGE -> resolvedInVillage++;
                case TOWN -> resolvedAtTown++;
            }
            resolveMillis.add(r.resolvedAt().orElseThrow() - r.createdAt());
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

    void whistle(IncidentStats.WhistleRow w, Instant now) {
        int[] d = departments.computeIfAbsent(w.departmentId(), k -> new int[7]);
        d[WHISTLES]++;
        if (w.reportedAt().isPresent()) {
            d[w.reportedAt().get() <= w.dueAt() ? ON_TIME : LATE]++;
        } else {
            d[w.dueAt() <= now.toEpochMilli() ? OVERDUE : PENDING]++;
        }
        if (w.score().isPresent()) {
            d[SCORED]++;
            d[SCORE_SUM] += w.score().get();
        }
    }

    Figures figures(String lang, Map<String, String> departmentNames) {
        List<Figures.LevelCompliance> levels = new ArrayList<>();
        for (LadderLevel l : LadderLevel.values()) {
            levels.add(new Figures.LevelCompliance(l.wire(), l.label(lang), met[l.ordinal()], missed[l.ordinal()],
                    ratio(met[l.ordinal()], met[l.ordinal()] + missed[l.ordinal()])));
        }
        List<Figures.DepartmentFigures> depts = new ArrayList<>();
        departments.forEach((id, d) -> depts.add(new Figures.DepartmentFigures(id, departmentNames.getOrDefault(id, id),
                d[WHISTLES], d[ON_TIME], d[LATE], d[OVERDUE], d[PENDING], ratio(d[ON_TIME], d[ON_TIME] + d[LATE] + d[OVERDUE]),
                d[SCORED], d[SCORE_SUM], ratio(d[SCORE_SUM], d[SCORED]))));
        return new Figures(incidents, duplicates, resolved, resolvedInTeam, resolvedInVillage, resolvedAtTown,
                escalatedToTown, ratio(resolvedInTeam, incidents), ratio(resolvedInVillage, incidents),
                ratio(escalatedToTown, incidents), acceptMillis.size(), medianSeconds(acceptMillis),
                medianSeconds(resolveMillis), levels, depts, rated, satisfied, basicallySatisfied, dissatisfied,
                ratio(satisfied + basicallySatisfied, rated));
    }

    static Optional<Double> ratio(int part, int whole) {
        return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }

    /** The median in seconds (millisecond precision); the mean of the two middle values for an even count. */
    static Optional<Double> medianSeconds(List<Long> millis) {
        if (millis.isEmpty()) {
            return Optional.empty();
        }
        long[] a = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        double m = n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2.0;
        return Optional.of(m / 1000.0);
    }
}
