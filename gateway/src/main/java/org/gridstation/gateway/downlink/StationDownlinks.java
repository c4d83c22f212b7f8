package org.gridstation.gateway.downlink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;

/** Builds a station's {@link StationConfig} and {@link Roster} from the town directory. */
public final class StationDownlinks {
    private final Town source;
    private final Function<String, Optional<String>> publicUrl;
    private final Directory town;

    public StationDownlinks(Town town, Function<String, Optional<String>> publicUrl) {
        this(town, publicUrl, Directory.live(town));
    }

    private StationDownlinks(Town source, Function<String, Optional<String>> publicUrl, Directory directory) {
        this.source = source;
        this.publicUrl = publicUrl;
        this.town = directory;
    }

    /**
     * A builder for one pass over every station, which reads each grid chain, grid's people, person
     * and day's shifts once (see {@link Directory#memo}); use it for that pass only.
     */
    StationDownlinks forPass() {
        return new StationDownlinks(source, publicUrl, Directory.memo(source));
    }

    public StationConfig config(Station s, long version, Instant now) {
        // only the chain's grids' people: reading the whole directory per station made a town-wide
        // pass quadratic (about 15 ms a station at a county's 2,425 stations and 4,850 people)
        List<StationConfig.GridLevel> chain = new ArrayList<>();
        for (Grid g : town.gridChain(s.gridId())) {
            List<StationConfig.Leader> leaders = town.peopleOf(g.id()).stream().filter(Person::isLeader)
                    .map(p -> new StationConfig.Leader(p.id(), p.name(), p.role(), p.phone(), p.duties()))
                    .toList();
            chain.add(new StationConfig.GridLevel(g.id(), g.name(), g.level(), leaders));
        }
        return new StationConfig(Schema.VERSION, version, s.id(), s.name(), s.gridId(), chain, s.services(),
                publicUrl.apply(s.id()), town.zone().getId(), now);
    }

    /**
     * The date whose shifts are the station's duty at {@code now}: yesterday while one of
     * yesterday's shifts there is still running (a night duty past midnight), else today, in the
     * town's zone.
     */
    public LocalDate dutyDate(Station s, Instant now) {
        LocalDate today = now.atZone(town.zone()).toLocalDate();
        LocalDate yesterday = today.minusDays(1);
        boolean running = town.shiftsOn(yesterday, s.id()).stream().anyMatch(sh -> sh.end().isAfter(now));
        return running ? yesterday : today;
    }

    Roster roster(Station s, LocalDate date, Instant now) {
        ZoneId zone = town.zone();
        List<Roster.Shift> shifts = new ArrayList<>();
        for (Shift sh : town.shiftsOn(date, s.id())) {
            List<Roster.Volunteer> volunteers = new ArrayList<>();
            for (String pid : sh.personIds()) {
                town.person(pid).ifPresent(p -> volunteers.add(new Roster.Volunteer(p.id(), p.name(), p.role())));
            }
            shifts.add(new Roster.Shift(sh.id(), sh.label(), sh.start().atZone(zone).toOffsetDateTime(),
                    sh.end().atZone(zone).toOffsetDateTime(), sh.required(), volunteers));
        }
        return new Roster(Schema.VERSION, s.id(), date, shifts, now);
    }
}
