package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.gridstation.kiosk.badge.DutyLedger;
import org.gridstation.kiosk.badge.OnDuty;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.wall.PublicLinks;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;

/** {@code GET /api/v1/state}: the station, tonight's roster, who is on duty, the link to the gateway. */
final class StateRoutes {
    private final String stationId;
    private final TownState town;
    private final DutyLedger ledger;
    private final Outbox outbox;
    private final BooleanSupplier connected;
    private final boolean camera;
    private final Clock clock;

    StateRoutes(String stationId, TownState town, DutyLedger ledger, Outbox outbox, BooleanSupplier connected,
            boolean camera, Clock clock) {
        this.camera = camera;
        this.stationId = stationId;
        this.town = town;
        this.ledger = ledger;
        this.outbox = outbox;
        this.connected = connected;
        this.clock = clock;
    }

    void state(Context ctx) {
        String lang = Lang.of(ctx);
        List<OnDuty> duty = ledger.onDuty();
        Set<String> here = duty.stream().map(OnDuty::personId).collect(Collectors.toSet());
        StationConfig config = town.config().orElse(null);
        PublicLinks links = QrRoutes.links(stationId, town);
        ctx.json(new StationView(
                stationId,
                config == null ? stationId : config.name(),
                config == null ? List.of() : config.gridChain(),
                config == null ? List.of() : config.services(),
                links.stationPage(),
                links.base().map(b -> b + "/tickets/"),
                town.currentRoster(clock.instant()).map(r -> roster(r, here, lang)),
                duty.stream().map(d -> new StationView.DutyView(d.personId(), d.name(), d.since(), d.scheduled())).toList(),
                connected.getAsBoolean(),
                camera,
                town.configReceivedAt(),
                town.rosterReceivedAt(),
                outbox.pendingCount(),
                town.keyRing().size(),
                town.keysReceivedAt(),
                town.onDutyListReceivedAt(),
                town.revocations().version(),
                town.zone().getId(),
                town.settings().get("language.default").orElse("zh"),
                settings(town.settings()),
                lang));
    }

    private static StationView.SettingsView settings(org.gridstation.kiosk.settings.FleetSettings f) {
        return new StationView.SettingsView(f.applied().map(s -> s.version()).orElse(0L),
                f.applied().map(s -> s.settings()).orElse(java.util.Map.of()),
                f.previous().map(s -> s.version()), f.refusal());
    }

    private static StationView.RosterView roster(Roster r, Set<String> here, String lang) {
        return new StationView.RosterView(r.date(), r.shifts().stream()
                .map(s -> new StationView.ShiftView(s.shiftId(), s.label(), s.start(), s.end(), s.required(),
                        s.volunteers().stream()
                                .map(v -> new StationView.VolunteerView(v.personId(), v.name(), v.role().wire(),
                                        v.role().label(lang), here.contains(v.personId())))
                                .toList()))
                .toList());
    }
}
