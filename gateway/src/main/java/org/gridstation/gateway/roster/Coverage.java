package org.gridstation.gateway.roster;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
