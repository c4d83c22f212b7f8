package org.gridstation.firmware.mosquitto;

import java.util.StringJoiner;
import org.gridstation.protocol.mqtt.StationTopics;

/**
 * A Mosquitto ACL stanza for one station, written from {@link StationTopics#grants(String)} —
 * the same rule the gateway's embedded broker enforces: the station may write its uplink topics
 * (events, heartbeat, status), read its downlink topics (ack, config, roster, tickets, settings)
 * and read everything under the town topics.
 */
public final class StationAcl {
    private StationAcl() {
    }

    /** The stanza for {@code stationId}, starting with {@code user kiosk-<id>}, newline-terminated. */
    public static String stanza(String stationId) {
        StringJoiner s = new StringJoiner("\n", "", "\n");
        s.add("user " + username(stationId));
        for (StationTopics.Grant g : StationTopics.grants(stationId)) {
            s.add("topic " + g.access().acl() + " " + g.topic());
        }
        return s.toString();
    }

    /** The station's MQTT user name, which is also its client id: {@code kiosk-<id>}. */
    public static String username(String stationId) {
        return StationTopics.clientId(stationId);
    }
}
