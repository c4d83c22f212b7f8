package org.gridstation.gateway.open311;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/**
 * Files an incident that did not come from a kiosk (an Open311 client, a test): the same
 * {@link IncidentDesk#open} a kiosk's request goes through — level team, the three deadlines,
 * the notice to the service team — in its own transaction, with a fresh ticket number
 * {@code 311-xxxxxxxx} and the station's grid.
 */
public final class RequestIntake {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private final Database db;
    private final IncidentDesk desk;
    private final Town town;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RequestIntake(Database db, IncidentDesk desk, Town town, Clock clock) {
        this.db = db;
        this.desk = desk;
        this.town = town;
        this.clock = clock;
    }

    /**
     * Opens an incident at {@code stationId}; {@code source} names where it came from (it becomes
     * part of the stored event id, e.g. {@code open311:key-id}).
     */
    public Incident file(String stationId, Category category, Severity severity, Optional<String> phone,
            Optional<String> note, boolean anonymous, String source) {
        Station station = town.station(stationId).orElseThrow(() -> new UnknownException("station", stationId));
        Instant now = clock.instant();
        String id = db.write(c -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                String candidate = "311-" + token();
                Incident i = IncidentDesk.filed(candidate, station.id(), Optional.of(station.gridId()), category,
                        severity, phone, note, anonymous, now, now);
                if (desk.open(c, i, source + ":" + candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("could not find a free ticket number");
        });
        desk.committed(Set.of(station.id()));
        return new Incidents(db).get(id).orElseThrow();
    }

    private String token() {
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
