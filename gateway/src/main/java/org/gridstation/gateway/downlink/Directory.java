package org.gridstation.gateway.downlink;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Town;

/**
 * The town reads a station's config and roster are built from: straight from the {@link Town}, or
 * remembered for one pass over every station ({@link #memo}), where the same village's and town's
 * grids and people recur in thousands of grid chains and a day's shifts were read (all of them,
 * then filtered) three times per station.
 */
interface Directory {
    ZoneId zone();

    List<Grid> gridChain(String gridId);

    List<Person> peopleOf(String gridId);

    /** The station's shifts on {@code date}, in the order {@link Town#shiftsOn(LocalDate, String)} gives. */
    List<Shift> shiftsOn(LocalDate date, String stationId);

    Optional<Person> person(String id);

    /** Every read goes to the town. */
    static Directory live(Town town) {
        return new Directory() {
            @Override
            public ZoneId zone() {
                return town.zone();
            }

            @Override
            public List<Grid> gridChain(String gridId) {
                return town.gridChain(gridId);
            }

            @Override
            public List<Person> peopleOf(String gridId) {
                return town.peopleOf(gridId);
            }

            @Override
            public List<Shift> shiftsOn(LocalDate date, String stationId) {
                return town.shiftsOn(date, stationId);
            }

            @Override
            public Optional<Person> person(String id) {
                return town.person(id);
            }
        };
    }

    /** Each read is made once and then answered from memory: for one pass, never kept across passes. */
    static Directory memo(Town town) {
        return new Directory() {
            private final Map<String, List<Grid>> chains = new HashMap<>();
            private final Map<String, List<Person>> people = new HashMap<>();
            private final Map<LocalDate, Map<String, List<Shift>>> shifts = new HashMap<>();
            private final Map<String, Optional<Person>> persons = new HashMap<>();

            @Override
            public ZoneId zone() {
                return town.zone();
            }

            @Override
            public List<Grid> gridChain(String gridId) {
                return chains.computeIfAbsent(gridId, town::gridChain);
            }

            @Override
            public List<Person> peopleOf(String gridId) {
                return people.computeIfAbsent(gridId, town::peopleOf);
            }

            @Override
            public List<Shift> shiftsOn(LocalDate date, String stationId) {
                return shifts.computeIfAbsent(date, d -> {
                    Map<String, List<Shift>> byStation = new LinkedHashMap<>();
                    for (Shift s : town.shiftsOn(d)) {
                        byStation.computeIfAbsent(s.stationId(), k -> new ArrayList<>()).add(s);
                    }
                    return byStation;
                }).getOrDefault(stationId, List.of());
            }

            @Override
            public Optional<Person> person(String id) {
                return persons.computeIfAbsent(id, town::person);
            }
        };
    }
}
