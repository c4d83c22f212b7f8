package org.gridstation.gateway.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.station.Health;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.gateway.station.StationState;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.auth.GridScope;
import org.gridstation.gateway.auth.Principal;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;

/** {@code GET /api/v1/stations} and {@code /api/v1/stations/{id}}. */
final class StationsApi {
    private final Town town;
    private final StationMonitor monitor;
    private final DutyLog duty;
    private final Incidents incidents;
    private final GridScope scope;

    StationsApi(Town town, StationMonitor monitor, DutyLog duty, Incidents incidents, GridScope scope) {
        this.scope = scope;
        this.town = town;
        this.monitor = monitor;
        this.duty = duty;
        this.incidents = incidents;
    }

    /** A station as the dashboard shows it. */
    record StationView(String id, String name, String grid, String gridName, boolean online, boolean staffed,
            Optional<Instant> lastSeen, List<OnDuty> onDuty, Optional<Health> health, int openIncidents,
            Optional<org.gridstation.gateway.town.Location> location) {
    }

    /** Someone on duty. */
    record OnDuty(String personId, String name, String role, String roleLabel, Instant since, boolean scheduled) {
    }

    void list(Context ctx) {
        String lang = Lang.of(ctx);
        Principal p = AccessControl.required(ctx);
        java.util.Map<String, Integer> open = incidents.openCounts(); // one query, not one per station
        ctx.json(town.stations().stream().filter(s -> scope.coversGrid(p, Optional.of(s.gridId())))
                .map(s -> view(s, lang, open.getOrDefault(s.id(), 0))).toList());
    }

    void one(Context ctx) {
        String id = ctx.pathParam("id");
        Station s = town.station(id).orElseThrow(() -> new UnknownException("station", id));
        GridScope.require(scope.coversGrid(AccessControl.required(ctx), Optional.of(s.gridId())), "station " + id);
        ctx.json(view(s, Lang.of(ctx), incidents.openCount(s.id())));
    }

    private StationView view(Station s, String lang, int openIncidents) {
        StationState st = monitor.state(s.id());
        List<OnDuty> onDuty = duty.onDuty(s.id()).stream().map(d -> {
            Optional<Person> p = town.person(d.personId());
            return new OnDuty(d.personId(), p.map(Person::name).orElse(d.personId()),
                    p.map(x -> x.role().wire()).orElse(""), p.map(x -> x.role().label(lang)).orElse(""),
                    d.inAt(), d.scheduled());
        }).toList();
        String gridName = town.grid(s.gridId()).map(Grid::name).orElse(s.gridId());
        return new StationView(s.id(), s.name(), s.gridId(), gridName, st.online(), !onDuty.isEmpty(), st.lastSeen(),
                onDuty, st.health(), openIncidents, s.location());
    }
}
