package org.gridstation.gateway.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.incident.Incident;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.incident.LadderGrids;
import org.gridstation.gateway.incident.Stage;
import org.gridstation.gateway.incident.TimeLimitTable;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.event.Category;

/**
 * Incidents as GeoReport v2 service requests.
 *
 * <ul>
 * <li>{@code status}: {@code open} until resolved or closed; a merged duplicate is closed (its
 *     {@code status_notes} carry the answer of the incident it was merged into).</li>
 * <li>{@code status_notes}: the public answer to the villager, else the status in words.</li>
 * <li>{@code agency_responsible}: the departments whistled to (coordinator first), else the
 *     grids answering at the incident's rung of the ladder.</li>
 * <li>{@code expected_datetime}: the pending deadline to resolve (it moves when a reopened
 *     incident gets a new one), else received + the resolve time limit of its category and
 *     severity.</li>
 * </ul>
 */
public final class ServiceRequests {
    /** At most this many requests per answer (the spec's limit). */
    public static final int MAX = 1000;
    /** The default window of a search. */
    public static final Duration WINDOW = Duration.ofDays(90);
    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Incidents incidents;
    private final Town town;
    private final TimeLimitTable limits;
    private final LadderGrids ladder;
    private final Clock clock;

    public ServiceRequests(Incidents incidents, Town town, TimeLimitTable limits, Clock clock) {
        this.incidents = incidents;
        this.town = town;
        this.limits = limits;
        this.ladder = new LadderGrids(town);
        this.clock = clock;
    }

    /**
     * A search: by ids (then every other filter is ignored, as the spec says), else by codes
     * (empty: all), received in [start, end) (defaults: the 90 days up to now, or 90 days from
     * {@code start}) and status.
     */
    public record Search(Optional<List<String>> ids, List<Category> codes, Optional<Instant> start,
            Optional<Instant> end, Optional<Boolean> open) {
    }

    public Optional<ServiceRequest> get(String id, String lang) {
        return incidents.get(id).map(i -> view(i, lang));
    }

    /** Newest first, at most {@link #MAX}. */
    public List<ServiceRequest> search(Search s, String lang) {
        List<Incident> found = new ArrayList<>();
        if (s.ids().isPresent()) {
            found.addAll(incidents.list(new Incidents.Query(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), s.ids(), MAX)));
        } else {
            Instant end = s.end().orElseGet(() -> s.start().map(st -> st.plus(WINDOW)).orElse(clock.instant()));
            Instant start = s.start().orElse(end.minus(WINDOW));
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("start_date must be before end_date");
            }
            List<Optional<Category>> codes = s.codes().isEmpty() ? List.of(Optional.empty())
                    : s.codes().stream().distinct().map(Optional::of).toList();
            for (Optional<Category> c : codes) {
                found.addAll(incidents.list(new Incidents.Query(Optional.empty(), Optional.empty(), s.open(), c,
                        Optional.empty(), Optional.of(start), Optional.of(end.plusMillis(1)), Optional.empty(), MAX)));
            }
        }
        List<Incident> page = found.stream().sorted(Comparator.comparing(Incident::createdAt).reversed()
                .thenComparing(Incident::id)).limit(MAX).toList();
        // the page's deadlines and whistles in one query each, not two queries per request
        List<String> ids = page.stream().map(Incident::id).toList();
        Names names = new Names(incidents.deadlines(ids), incidents.whistles(ids));
        return page.stream().map(i -> view(i, lang, names)).toList();
    }

    /** Station and grid names looked up once per answer, not once per request in it. */
    private final class Names {
        private final Map<String, String> stations = new HashMap<>();
        private final Map<String, String> agencies = new HashMap<>();
        /** Pending deadlines and whistles read ahead for a page of requests, or empty: read each on demand. */
        private final Optional<Map<String, List<Incidents.Deadline>>> deadlines;
        private final Optional<Map<String, List<Incidents.Whistle>>> whistles;

        Names() {
            this.deadlines = Optional.empty();
            this.whistles = Optional.empty();
        }

        Names(Map<String, List<Incidents.Deadline>> deadlines, Map<String, List<Incidents.Whistle>> whistles) {
            this.deadlines = Optional.of(deadlines);
            this.whistles = Optional.of(whistles);
        }

        List<Incidents.Deadline> deadlines(String id) {
            return deadlines.map(d -> d.getOrDefault(id, List.of())).orElseGet(() -> incidents.deadlines(id));
        }

        List<Incidents.Whistle> whistles(String id) {
            return whistles.map(w -> w.getOrDefault(id, List.of())).orElseGet(() -> incidents.whistles(id));
        }

        String station(String id) {
            return stations.computeIfAbsent(id, s -> town.station(s).map(Station::name).orElse(s));
        }

        String grids(Incident i) {
            return agencies.computeIfAbsent(i.gridId().orElse("") + "|" + i.level().wire(), k -> {
                List<String> names = ladder.targets(i.gridId(), i.level()).stream()
                        .map(g -> town.grid(g).map(Grid::name).orElse(g)).toList();
                return names.isEmpty() ? town.name() : String.join("、", names);
            });
        }
    }

    ServiceRequest view(Incident i, String lang) {
        return view(i, lang, new Names());
    }

    private ServiceRequest view(Incident i, String lang, Names names) {
        ZoneId zone = town.zone();
        String status = i.open() ? "open" : "closed";
        Optional<String> notes = i.statusNote().or(() -> Optional.of(i.status().label(lang)));
        Optional<String> description = i.anonymous() ? Optional.empty() : i.note();
        String address = names.station(i.stationId());
        Instant expected = names.deadlines(i.id()).stream().filter(d -> d.stage() == Stage.RESOLVE)
                .map(Incidents.Deadline::dueAt).min(Comparator.naturalOrder())
                .orElseGet(() -> i.createdAt().plus(limits.limits(i.category(), i.severity()).resolve()));
        return new ServiceRequest(i.id(), status, notes, i.category().label(lang), i.category().wire(), description,
                agency(i, names), Optional.empty(), w3c(i.createdAt(), zone), w3c(i.updatedAt(), zone),
                Optional.of(w3c(expected, zone)), address, i.stationId());
    }

    private String agency(Incident i, Names names) {
        List<Incidents.Whistle> whistles = names.whistles(i.id());
        if (!whistles.isEmpty()) {
            return String.join("、", whistles.stream().map(Incidents.Whistle::departmentName).toList());
        }
        return names.grids(i);
    }

    /** A W3C datetime with the town's offset, to the second. */
    public static String w3c(Instant t, ZoneId zone) {
        return W3C.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
    }
}
