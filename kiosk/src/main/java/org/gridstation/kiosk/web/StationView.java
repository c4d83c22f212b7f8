package org.gridstation.kiosk.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * {@code GET /api/v1/state}: what the touch page shows.
 *
 * @param stationId this station
 * @param name the station's name (its id until the gateway has sent a config)
 * @param gridChain the grids above it with their leaders (the public wall)
 * @param services what the station offers and when
 * @param publicUrl the station's public page at the gateway (its QR code is on the wall)
 * @param ticketUrlBase the prefix of a ticket's tracking page ({@code …/tickets/}), if known
 * @param roster tonight's duty, if known
 * @param onDuty who is on duty here now
 * @param connected whether the gateway is reachable
 * @param camera whether a camera scans badges and tickets here (a capture command is configured, or
 *     the simulator's camera): the page then polls {@code /api/v1/camera}
 * @param configUpdatedAt when the station config last arrived
 * @param rosterUpdatedAt when the roster last arrived
 * @param outboxBacklog events not yet confirmed by the gateway
 * @param keys how many badge-signing keys the kiosk trusts (0: it cannot verify badges yet)
 * @param keysUpdatedAt when the keys last arrived
 * @param onDutyListUpdatedAt when the town's on-duty list (who is on duty at other stations) last arrived
 * @param revocationsVersion the version of the revocation list in force
 * @param timezone the town's time zone, for showing times
 * @param defaultLanguage the language the page returns to when idle ({@code zh} unless the town set {@code en})
 * @param settings the fleet settings in force, the version they replaced, and a refusal
 * @param lang the language of the labels
 */
record StationView(
        String stationId,
        String name,
        List<StationConfig.GridLevel> gridChain,
        List<StationConfig.Service> services,
        Optional<String> publicUrl,
        Optional<String> ticketUrlBase,
        Optional<RosterView> roster,
        List<DutyView> onDuty,
        boolean connected,
        boolean camera,
        Optional<Instant> configUpdatedAt,
        Optional<Instant> rosterUpdatedAt,
        long outboxBacklog,
        int keys,
        Optional<Instant> keysUpdatedAt,
        Optional<Instant> onDutyListUpdatedAt,
        long revocationsVersion,
        String timezone,
        String defaultLanguage,
        SettingsView settings,
        String lang) {

    /** The fleet settings: the version in force (0: none), its values, the version it replaced, why a newer one was refused. */
    record SettingsView(long version, java.util.Map<String, String> values, Optional<Long> previousVersion,
            Optional<String> refused) {
    }

    /** Tonight's roster. */
    record RosterView(LocalDate date, List<ShiftView> shifts) {
    }

    /** One shift with its volunteers. */
    record ShiftView(String shiftId, String label, OffsetDateTime start, OffsetDateTime end, int required,
            List<VolunteerView> volunteers) {
    }

    /** A scheduled volunteer and whether they are here now. */
    record VolunteerView(String personId, String name, String role, String roleLabel, boolean onDuty) {
    }

    /** Someone on duty now. */
    record DutyView(String personId, String name, Instant since, boolean scheduled) {
    }
}
