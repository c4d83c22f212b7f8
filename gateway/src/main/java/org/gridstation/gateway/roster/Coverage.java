package org.gridstation.gateway.roster;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import org.gridstation.gateway.town.Grid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.duty.DutySession;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;

/** Computes who was scheduled and who came, per shift. */
public final class Coverage {
    /** Checking in this long before a shift's start counts as present for it. */
    public static final Duration EARLY = Duration.ofMinutes(30);

    private final Town town;
    private final DutyLog duty;

    public Coverage(Town town, DutyLog duty) {
        this.town = town;
        this.duty = duty;
    }

    /** The shifts starting on {@code date} at the stations of {@code gridId}'s subtree. */
    public List<ShiftCoverage> on(LocalDate date, String gridId, String lang) {
        town.grid(gridId).orElseThrow(() -> new org.gridstation.gateway.town.UnknownException("grid", gridId));
        Map<String, Boolean> inGrid = new HashMap<>();
        return on(date, lang).stream().filter(c -> inGrid.computeIfAbsent(c.grid(),
                g -> town.gridChain(g).stream().anyMatch(x -> x.id().equals(gridId)))).toList();
    }

    /**
     * Tonight's board for the whole town at {@code now}: today's shifts, and yesterday's that are
     * still running (a night duty past midnight), grouped by village.
     */
    public List<VillageBoard> tonight(Instant now, String lang) {
        LocalDate today = now.atZone(town.zone()).toLocalDate();
        List<ShiftCoverage> shifts = new ArrayList<>();
        on(today.minusDays(1), lang).stream().filter(c -> c.end().toInstant().isAfter(now)).forEach(shifts::add);
        shifts.addAll(on(today, lang));
        Map<String, List<ShiftCoverage>> byVillage = new TreeMap<>();
        for (ShiftCoverage c : shifts) {
            byVillage.computeIfAbsent(village(c.grid()).map(Grid::id).orElse(c.grid()), v -> new ArrayList<>()).add(c);
        }
        List<VillageBoard> out = new ArrayList<>();
        byVillage.forEach((v, list) -> {
            int gap = list.stream().mapToInt(ShiftCoverage::gap).sum();
            boolean running = list.stream().anyMatch(c -> !c.start().toInstant().isAfter(now) && c.end().toInstant().isAfter(now));
            out.add(new VillageBoard(v, town.grid(v).map(Grid::name).orElse(v), list, gap, running));
        });
        return out;
    }

    /** One village on tonight's board: its shifts and how many places are still missing. */
    public record VillageBoard(String gridId, String name, List<ShiftCoverage> shifts, int gap, boolean running) {
    }

    /**
     * Unfilled places for the {@code days} days from {@code from}: per village, every shift with
     * fewer people scheduled than it requires (after leave and swaps), soonest first.
     */
    public List<VillageGaps> gaps(LocalDate from, int days) {
        if (days < 1 || days > 92) {
            throw new IllegalArgumentException("days must be 1-92");
        }
        Map<String, List<Gap>> byVillage = new TreeMap<>();
        Map<String, String> stationGrid = new HashMap<>();
        Map<String, String> stationName = new HashMap<>();
        town.stations().forEach(st -> {
            stationGrid.put(st.id(), st.gridId());
            stationName.put(st.id(), st.name());
        });
        Map<String, String> villageOf = new HashMap<>();
        for (int i = 0; i < days; i++) {
            for (Shift s : town.shiftsOn(from.plusDays(i))) {
                int unfilled = Math.max(0, s.required() - s.personIds().size());
                String grid = stationGrid.getOrDefault(s.stationId(), "");
                String v = villageOf.computeIfAbsent(grid, g -> village(g).map(Grid::id).orElse(g));
                List<Gap> list = byVillage.computeIfAbsent(v, x -> new ArrayList<>());
                if (unfilled > 0) {
                    list.add(new Gap(s.localDate(), s.id(), s.stationId(), stationName.getOrDefault(s.stationId(), s.stationId()),
                            s.label(), s.start().atZone(town.zone()).toOffsetDateTime(), s.required(), s.personIds().size(), unfilled));
                }
            }
        }
        List<VillageGaps> out = new ArrayList<>();
        byVillage.forEach((v, list) -> out.add(new VillageGaps(v, town.grid(v).map(Grid::name).orElse(v),
                list.stream().mapToInt(Gap::unfilled).sum(), list)));
        return out;
    }

    /** A village's unfilled places. */
    public record VillageGaps(String gridId, String name, int unfilled, List<Gap> shifts) {
    }

    /** One shift short of people. */
    public record Gap(LocalDate date, String shiftId, String stationId, String stationName, String label,
            java.time.OffsetDateTime start, int required, int scheduled, int unfilled) {
    }

    /** The level-1 grid (village) above or at {@code gridId}; the grid itself if it is the root. */
    private java.util.Optional<Grid> village(String gridId) {
        List<Grid> chain = town.gridChain(gridId);
        return chain.size() > 1 ? java.util.Optional.of(chain.get(1)) : chain.stream().findFirst();
    }

    /** Every shift starting on {@code date} (town zone). */
    public List<ShiftCoverage> on(LocalDate date, String lang) {
        ZoneId zone = town.zone();
        Map<String, Person> people = new LinkedHashMap<>();
        town.people().forEach(p -> people.put(p.id(), p));
        List<ShiftCoverage> out = new ArrayList<>();
        for (Shift s : town.shiftsOn(date)) {
            Station st = town.station(s.stationId()).orElse(null);
            List<ShiftCoverage.Scheduled> scheduled = s.personIds().stream().map(people::get)
                    .filter(java.util.Objects::nonNull)
                    .map(p -> new ShiftCoverage.Scheduled(p.id(), p.name(), p.role().wire(), p.role().label(lang)))
                    .toList();
            Map<String, ShiftCoverage.Present> present = new LinkedHashMap<>();
            for (DutySession d : duty.overlapping(s.stationId(), s.start().minus(EARLY), s.end())) {
                Person p = people.get(d.personId());
                present.putIfAbsent(d.personId(), new ShiftCoverage.Present(d.personId(), p == null ? d.personId() : p.name(),
                        s.personIds().contains(d.personId()), d.inAt(), d.outAt()));
            }
            out.add(new ShiftCoverage(s.id(), s.stationId(), st == null ? s.stationId() : st.name(),
                    st == null ? "" : st.gridId(), s.label(), s.start().atZone(zone).toOffsetDateTime(),
                    s.end().atZone(zone).toOffsetDateTime(), s.required(), scheduled, List.copyOf(present.values()),
                    Math.max(0, s.required() - present.size())));
        }
        return out;
    }
}
