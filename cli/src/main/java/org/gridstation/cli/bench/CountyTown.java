package org.gridstation.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * Seeds a county-shaped directory through the gateway's {@link Town} API, sized like seed 002's
 * county (247 villages, 2,425 base grids): a county grid, villages in the same proportion
 * (one per about ten base grids), one base grid per station with its station and two grid members
 * who do the night duty there. Deterministic; running it again replaces what it wrote.
 */
public final class CountyTown {
    /** The county grid's id. */
    public static final String COUNTY_GRID = "county";
    /** Villages per base grid in seed 002's county: 247 villages, 2,425 base grids. */
    private static final double VILLAGES_PER_GRID = 247.0 / 2425.0;
    /** Volunteers per station (the people its check-ins name). */
    public static final int PEOPLE_PER_STATION = 2;

    /** A seeded station and the people who badge in there. */
    public record SeededStation(String stationId, List<String> people) {
    }

    private CountyTown() {
    }

    /** The station id of base grid {@code i} (0-based). */
    public static String stationId(int i) {
        return String.format("st-%05d", i);
    }

    /** Seeds {@code stations} stations into {@code town}; returns them in order. */
    public static List<SeededStation> seed(Town town, int stations) {
        int villages = Math.max(1, (int) Math.round(stations * VILLAGES_PER_GRID));
        town.addGrid(COUNTY_GRID, Optional.empty(), "基准县");
        for (int v = 0; v < villages; v++) {
            town.addGrid(village(v), Optional.of(COUNTY_GRID), "第" + (v + 1) + "村");
        }
        List<SeededStation> seeded = new ArrayList<>(stations);
        for (int i = 0; i < stations; i++) {
            String grid = String.format("g-%05d", i);
            int v = i % villages;
            town.addGrid(grid, Optional.of(village(v)), "第" + (v + 1) + "村第" + (i / villages + 1) + "网格");
            String station = stationId(i);
            town.addStation(station, "第" + (v + 1) + "村第" + (i / villages + 1) + "网格党群服务站", grid,
                    List.of(new StationConfig.Service("法律咨询、矛盾调解、村民议事", "每晚 19:00–21:30")));
            List<String> people = new ArrayList<>(PEOPLE_PER_STATION);
            for (int p = 0; p < PEOPLE_PER_STATION; p++) {
                String person = station + "-p" + p;
                town.addPerson(person, "网格员" + (i + 1) + "-" + (p + 1), Role.GRID_MEMBER, grid, Optional.empty(),
                        Optional.of("夜间值班"));
                people.add(person);
            }
            seeded.add(new SeededStation(station, List.copyOf(people)));
        }
        return List.copyOf(seeded);
    }

    /** The stations {@link #seed} writes, without writing them (for a store seeded before). */
    public static List<SeededStation> stations(int stations) {
        List<SeededStation> list = new ArrayList<>(stations);
        for (int i = 0; i < stations; i++) {
            List<String> people = new ArrayList<>();
            for (int p = 0; p < PEOPLE_PER_STATION; p++) {
                people.add(stationId(i) + "-p" + p);
            }
            list.add(new SeededStation(stationId(i), List.copyOf(people)));
        }
        return List.copyOf(list);
    }

    private static String village(int v) {
        return String.format("v-%03d", v);
    }
}
