package org.gridstation.firmware.mosquitto;

import java.util.StringJoiner;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Topics;

/**
 * A Mosquitto ACL stanza for one station, derived from the protocol's topic kinds: the station
 * may write its uplink topics (events, heartbeat, status), read its downlink topics (ack,
 * config, roster, tickets, settings) and read everything under the town topics.
 */
public final class StationAcl {
    private StationAcl() {
    }

    /** The stanza for {@code stationId}, starting with {@code user kiosk-<id>}, newline-terminated. */
    public static String stanza(String stationId) {
        Ids.require(stationId, "stationId");
        StringJoiner s = new StringJoiner("\n", "", "\n");
        s.add("user " + username(stationId));
        for (Topics.Kind kind : Topics.Kind.values()) {
            s.add("topic " + (kind.uplink() ? "write " : "read ") + Topics.station(stationId, kind));
        }
        s.add("topic read " + Topics.ROOT + "/town/#");
        return s.toString();
    }

    /** The station's MQTT user name, which is also its client id: {@code kiosk-<id>}. */
    public static String username(String stationId) {
        return "kiosk-" + Ids.require(stationId, "stationId");
    }
}
