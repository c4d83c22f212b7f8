package org.gridstation.gateway.downlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationDownlinksTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    @Test
    void aNightDutyPastMidnight_staysTheStationsRoster_untilItEnds() {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, ZONE, "青溪镇");
            String station = DemoTown.seed(town, 1).get(0);
            LocalDate day = LocalDate.of(2026, 11, 23);
            String person = town.people().stream().filter(p -> p.gridId().startsWith(station)).findFirst().orElseThrow().id();
            town.addShift(station + "-overnight", station, "夜间值守", day, LocalTime.of(20, 0), LocalTime.of(8, 0), 1,
                    List.of(person));
            StationDownlinks wall = new StationDownlinks(town, s -> Optional.empty());
            Station s = town.station(station).orElseThrow();

            assertEquals(day, wall.dutyDate(s, at(day, 21, 0)));
            assertEquals(day, wall.dutyDate(s, at(day.plusDays(1), 0, 30)), "still the night duty of the 23rd");
            assertEquals(day, wall.dutyDate(s, at(day.plusDays(1), 7, 59)));
            assertEquals(day.plusDays(1), wall.dutyDate(s, at(day.plusDays(1), 8, 0)), "it ended at 08:00");
            assertEquals(day, wall.roster(s, wall.dutyDate(s, at(day.plusDays(1), 0, 30)), at(day, 0, 0)).date());
        }
    }

    @Test
    void aPassBuilder_rendersEveryStationAsTheLiveOneDoes() {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, ZONE, "青溪镇");
            List<String> stations = DemoTown.seed(town, 3);
            LocalDate day = LocalDate.of(2026, 11, 23);
            for (String station : stations) {
                String person = town.people().stream().filter(p -> p.gridId().startsWith(station)).findFirst().orElseThrow().id();
                town.addShift(station + "-evening", station, "晚间值守", day, LocalTime.of(18, 0), LocalTime.of(21, 0), 1,
                        List.of(person));
                town.addShift(station + "-overnight", station, "夜间值守", day, LocalTime.of(21, 0), LocalTime.of(8, 0), 1,
                        List.of(person));
            }
            StationDownlinks live = new StationDownlinks(town, s -> Optional.of("https://gw/" + s));
            StationDownlinks pass = live.forPass();
            java.time.Instant now = at(day.plusDays(1), 1, 0);
            for (Station s : town.stations()) {
                assertEquals(live.config(s, 3, now), pass.config(s, 3, now));
                assertEquals(live.dutyDate(s, now), pass.dutyDate(s, now));
                assertEquals(live.roster(s, day, now), pass.roster(s, day, now));
                assertEquals(2, pass.roster(s, day, now).shifts().size());
            }
        }
    }

    private static java.time.Instant at(LocalDate date, int hour, int minute) {
        return ZonedDateTime.of(date, LocalTime.of(hour, minute), ZONE).toInstant();
    }
}
