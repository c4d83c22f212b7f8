package org.gridstation.protocol;

import java.util.Optional;

/**
 * The MQTT topic tree, version 1.
 *
 * <pre>
 * gs/v1/stations/{stationId}/events     uplink   QoS 1        events from the kiosk's outbox
 * gs/v1/stations/{stationId}/heartbeat  uplink   QoS 0        health, every 30 s by default
 * gs/v1/stations/{stationId}/status     uplink   QoS 1 retained   online/offline, also the MQTT 5 last will
 * gs/v1/stations/{stationId}/ack        downlink QoS 0        ids the gateway has committed (a lost one costs a re-send)
 * gs/v1/stations/{stationId}/config     downlink QoS 1 retained   the station's configuration and public wall
 * gs/v1/stations/{stationId}/roster     downlink QoS 1 retained   tonight's duty roster
 * gs/v1/stations/{stationId}/tickets    downlink QoS 1 retained   status of the tickets filed there
 * gs/v1/stations/{stationId}/settings   downlink QoS 1 retained   fleet settings, versioned
 * gs/v1/town/keys                       downlink QoS 1 retained   public keys that sign badges
 * gs/v1/town/revocations                downlink QoS 1 retained   revoked badge ids
 * gs/v1/town/on-duty                    downlink QoS 1 retained   who is on duty at which station
 * </pre>
 */
public final class Topics {
    /** Root of every topic of this contract version. */
    public static final String ROOT = "gs/v" + Schema.VERSION;
    public static final String TOWN_KEYS = ROOT + "/town/keys";
    public static final String TOWN_REVOCATIONS = ROOT + "/town/revocations";
    public static final String TOWN_ON_DUTY = ROOT + "/town/on-duty";

    private static final String STATIONS = ROOT + "/stations/";

    private Topics() {
    }

    /** The kinds of per-station topic. The enum's {@link #level()} is the last topic level. */
    public enum Kind {
        EVENTS("events", true),
        HEARTBEAT("heartbeat", true),
        STATUS("status", true),
        ACK("ack", false),
        CONFIG("config", false),
        ROSTER("roster", false),
        TICKETS("tickets", false),
        SETTINGS("settings", false);

        private final String level;
        private final boolean uplink;

        Kind(String level, boolean uplink) {
            this.level = level;
            this.uplink = uplink;
        }

        /** The topic level, e.g. {@code events}. */
        public String level() {
            return level;
        }

        /** True if stations publish on this kind of topic, false if the gateway does. */
        public boolean uplink() {
            return uplink;
        }

        static Optional<Kind> ofLevel(String level) {
            for (Kind k : values()) {
                if (k.level.equals(level)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A parsed per-station topic. */
    public record Address(String stationId, Kind kind) {
        public Address {
            Ids.require(stationId, "stationId");
            Ids.notNull(kind, "kind");
        }

        public String topic() {
            return station(stationId, kind);
        }
    }

    /** The topic of {@code kind} for one station. */
    public static String station(String stationId, Kind kind) {
        return STATIONS + Ids.require(stationId, "stationId") + "/" + kind.level();
    }

    public static String events(String stationId) {
        return station(stationId, Kind.EVENTS);
    }

    public static String heartbeat(String stationId) {
        return station(stationId, Kind.HEARTBEAT);
    }

    public static String status(String stationId) {
        return station(stationId, Kind.STATUS);
    }

    public static String ack(String stationId) {
        return station(stationId, Kind.ACK);
    }

    public static String config(String stationId) {
        return station(stationId, Kind.CONFIG);
    }

    public static String roster(String stationId) {
        return station(stationId, Kind.ROSTER);
    }

    public static String settings(String stationId) {
        return station(stationId, Kind.SETTINGS);
    }

    public static String tickets(String stationId) {
        return station(stationId, Kind.TICKETS);
    }

    /** The filter matching {@code kind} for every station, e.g. {@code gs/v1/stations/+/events}. */
    public static String allStations(Kind kind) {
        return STATIONS + "+/" + kind.level();
    }

    /**
     * The MQTT 5 shared-subscription form of a filter, so that several gateway instances split
     * the ingest: {@code $share/{group}/{filter}}.
     */
    public static String shared(String group, String filter) {
        return "$share/" + Ids.require(group, "group") + "/" + filter;
    }

    /** Parses a per-station topic; empty for anything else, including a malformed station id. */
    public static Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(STATIONS)) {
            return Optional.empty();
        }
        String rest = topic.substring(STATIONS.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String stationId = rest.substring(0, slash);
        if (!Ids.isValid(stationId)) {
            return Optional.empty();
        }
        return Kind.ofLevel(rest.substring(slash + 1)).map(kind -> new Address(stationId, kind));
    }
}
