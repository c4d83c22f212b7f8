package org.gridstation.gateway.roster;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Role;

/**
 * A plan for the demo town's stations from tomorrow on (today keeps the demo's one-off shift):
 * the nightly duty 19:00–21:30 for 2, the village's grid members and volunteers taking turns in
 * pairs day by day, and a Thursday reception day (接待日) 09:00–11:30 held by the sub-grid leaders
 * week by week; four weeks generated. Safe to run again.
 */
public final class DemoRoster {
    private DemoRoster() {
    }

    public static void seed(Town town, RosterPlanner planner) {
        LocalDate from = town.today().plusDays(1);
        List<Person> people = town.people();
        for (Station st : town.stations()) {
            List<String> pool = new ArrayList<>();
            List<String> leaders = new ArrayList<>();
            for (Person p : people) {
                boolean inVillage = town.gridChain(p.gridId()).stream().map(Grid::id).anyMatch(st.gridId()::equals);
                if (inVillage && (p.role() == Role.GRID_MEMBER || p.role() == Role.VOLUNTEER)) {
                    pool.add(p.id());
                } else if (inVillage && p.role() == Role.SUBGRID_LEADER) {
                    leaders.add(p.id());
                }
            }
            if (pool.size() >= 2) {
                String night = st.id() + "-night";
                planner.putTemplate(new ShiftTemplate(night, st.id(), "夜间值班", LocalTime.of(19, 0), LocalTime.of(21, 30), 2,
                        Set.of(), from, Optional.empty()));
                List<List<String>> turns = new ArrayList<>();
                for (int i = 0; i < pool.size(); i++) {
                    turns.add(List.of(pool.get(i), pool.get((i + 1) % pool.size())));
                }
                planner.putRotation(new Rotation(night, from, 1, turns));
            }
            if (!leaders.isEmpty()) {
                String reception = st.id() + "-reception";
                planner.putTemplate(new ShiftTemplate(reception, st.id(), "接待日", LocalTime.of(9, 0), LocalTime.of(11, 30), 1,
                        Set.of(DayOfWeek.THURSDAY), from, Optional.empty()));
                planner.putRotation(new Rotation(reception, from, 7, leaders.stream().map(List::of).toList()));
            }
        }
        planner.generate(from, from.plusDays(RosterPlanner.DEFAULT_DAYS - 1));
    }
}
