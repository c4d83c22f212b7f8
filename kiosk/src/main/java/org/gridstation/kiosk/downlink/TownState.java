package org.gridstation.kiosk.downlink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.gridstation.kiosk.settings.FleetSettings;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.badge.KeyRing;
import org.gridstation.protocol.downlink.OnDutyList;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.ticket.TicketBoard;

/**
 * What the gateway has told this station, newest first: its configuration and public wall,
 * tonight's roster, the badge public keys, the revocation list and the ticket board. Each is kept in
 * {@code <data>/downlink/*.json}, so a kiosk that restarts offline still verifies badges and
 * shows the roster. Malformed or older messages are counted and ignored; the previous one stays.
 */
public final class TownState {
    private final String stationId;
    private final ZoneId zone;
    private final Clock clock;
    private final Slot<StationConfig> config;
    private final Slot<Roster> roster;
    private final Slot<PublicKeys> keys;
    private final Slot<RevocationList> revocations;
    private final Slot<OnDutyList> onDuty;
    private final Slot<TicketBoard> tickets;
    private final FleetSettings settings;
    private volatile KeyRing keyRing = KeyRing.empty();

    public TownState(String stationId, Path dataDir, ZoneId zone, Clock clock) {
        this.stationId = stationId;
        this.zone = zone;
        this.clock = clock;
        Path folder = dataDir.resolve("downlink");
        this.config = new Slot<>("config", StationConfig.class, folder,
                c -> requireStation(c.stationId()), (n, o) -> n.version() >= o.version());
        this.roster = new Slot<>("roster", Roster.class, folder,
                r -> requireStation(r.stationId()),
                (n, o) -> !n.date().isBefore(o.date()) && !n.issuedAt().isBefore(o.issuedAt()));
        this.keys = new Slot<>("keys", PublicKeys.class, folder, KeyRing::of,
                (n, o) -> !n.issuedAt().isBefore(o.issuedAt()));
        this.revocations = new Slot<>("revocations", RevocationList.class, folder, r -> { },
                (n, o) -> n.version() >= o.version());
        // Kept on disk like the others but deliberately not loaded at start: the list is only
        // trusted while connected, and a fresh one arrives (retained) on every connect.
        this.onDuty = new Slot<>("on-duty", OnDutyList.class, folder, l -> { },
                (n, o) -> !n.issuedAt().isBefore(o.issuedAt()));
        this.tickets = new Slot<>("tickets", TicketBoard.class, folder, b -> requireStation(b.stationId()),
                (n, o) -> n.version() >= o.version());
        this.settings = new FleetSettings(stationId, dataDir);
        config.load();
        tickets.load();
        roster.load();
        keys.load();
        revocations.load();
        keys.message().ifPresent(k -> keyRing = KeyRing.of(k));
    }

    /**
     * Offers a downlink payload received on {@code topic}. Returns true if it was accepted.
     * Topics other than config, roster, keys, revocations, on-duty list and tickets are not this class's business.
     */
    public boolean offer(String topic, byte[] payload) {
        Instant now = clock.instant();
        if (topic.equals(Topics.config(stationId))) {
            return config.offer(payload, now);
        }
        if (topic.equals(Topics.roster(stationId))) {
            return roster.offer(payload, now);
        }
        if (topic.equals(Topics.TOWN_KEYS)) {
            boolean accepted = keys.offer(payload, now);
            if (accepted) {
                keyRing = KeyRing.of(keys.message().orElseThrow());
            }
            return accepted;
        }
        if (topic.equals(Topics.TOWN_REVOCATIONS)) {
            return revocations.offer(payload, now);
        }
        if (topic.equals(Topics.TOWN_ON_DUTY)) {
            return onDuty.offer(payload, now);
        }
        if (topic.equals(Topics.tickets(stationId))) {
            return tickets.offer(payload, now);
        }
        if (topic.equals(Topics.settings(stationId))) {
            return settings.offer(payload);
        }
        return false;
    }

    /**
     * The other station where {@code personId} is on duty according to the gateway's last
     * on-duty list. The caller decides whether the list can be trusted (only while connected).
     */
    public Optional<String> onDutyElsewhere(String personId) {
        return onDuty.message().flatMap(l -> l.stationOf(personId)).filter(s -> !s.equals(stationId));
    }

    public Optional<StationConfig> config() {
        return config.message();
    }

    /** The roster as last received, whatever its date. */
    public Optional<Roster> roster() {
        return roster.message();
    }

    /**
     * The roster in force at {@code now}: the one received, if its date is today in the town's zone
     * or one of its shifts has not yet ended (a night shift past midnight).
     */
    public Optional<Roster> currentRoster(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return roster.message().filter(r -> r.date().equals(today)
                || r.shifts().stream().anyMatch(s -> s.end().toInstant().isAfter(now)));
    }

    /** The newest ticket board: the public status of the tickets filed here (empty until the gateway sends one). */
    public TicketBoard ticketBoard() {
        return tickets.message().orElseGet(() -> TicketBoard.empty(stationId));
    }

    /** When the ticket board last arrived. */
    public Optional<Instant> ticketsReceivedAt() {
        return tickets.receivedAt();
    }

    /** The fleet settings the town pushed, with the version they replaced. */
    public FleetSettings settings() {
        return settings;
    }

    /** The keys that sign valid badges (empty until the gateway has sent some). */
    public KeyRing keyRing() {
        return keyRing;
    }

    /** The newest revocation list (empty, version 0, until the gateway has sent one). */
    public RevocationList revocations() {
        return revocations.message().orElseGet(RevocationList::empty);
    }

    public Optional<Instant> configReceivedAt() {
        return config.receivedAt();
    }

    public Optional<Instant> rosterReceivedAt() {
        return roster.receivedAt();
    }

    public Optional<Instant> keysReceivedAt() {
        return keys.receivedAt();
    }

    /** When the gateway's on-duty list last arrived. */
    public Optional<Instant> onDutyListReceivedAt() {
        return onDuty.receivedAt();
    }

    public Optional<Instant> revocationsReceivedAt() {
        return revocations.receivedAt();
    }

    /** Rejected (malformed, invalid or mis-addressed) downlink messages by kind. */
    public Map<String, Long> rejectedCounts() {
        return Map.of("config", config.rejectedCount(), "roster", roster.rejectedCount(),
                "keys", keys.rejectedCount(), "revocations", revocations.rejectedCount(),
                "tickets", tickets.rejectedCount(), "settings", settings.rejectedCount());
    }

    public ZoneId zone() {
        return zone;
    }

    private void requireStation(String addressedTo) {
        if (!stationId.equals(addressedTo)) {
            throw new IllegalArgumentException("addressed to station " + addressedTo);
        }
    }
}
