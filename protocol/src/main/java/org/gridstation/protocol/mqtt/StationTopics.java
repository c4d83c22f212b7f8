package org.gridstation.protocol.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Topics;

/**
 * Which topics a station's MQTT client may use — the one rule the embedded broker enforces and
 * the generated Mosquitto ACL expresses. A station connects with user name and client id
 * {@code kiosk-<stationId>}; it may publish only its own uplink topics (events, heartbeat, status,
 * also as its last will) and subscribe only to its own downlink topics and the town topics.
 */
public final class StationTopics {
    /** The prefix of a station's user name and client id. */
    public static final String CLIENT_PREFIX = "kiosk-";
    /** Everything under the town topics, which every station reads. */
    public static final String TOWN_FILTER = Topics.ROOT + "/town/#";
    private static final String TOWN_PREFIX = Topics.ROOT + "/town/";

    private StationTopics() {
    }

    /** Read (subscribe) or write (publish), as a Mosquitto ACL says it. */
    public enum Access {
        READ("read"),
        WRITE("write");

        private final String acl;

        Access(String acl) {
            this.acl = acl;
        }

        /** The word in a Mosquitto ACL line. */
        public String acl() {
            return acl;
        }
    }

    /** One topic (or filter) a station may use, and how. */
    public record Grant(String topic, Access access) {
    }

    /** The station's user name and client id: {@code kiosk-<stationId>}. */
    public static String clientId(String stationId) {
        return CLIENT_PREFIX + Ids.require(stationId, "stationId");
    }

    /** The station a client id or user name names, if it has the form {@code kiosk-<stationId>}. */
    public static Optional<String> stationOf(String clientId) {
        if (clientId == null || !clientId.startsWith(CLIENT_PREFIX)) {
            return Optional.empty();
        }
        String id = clientId.substring(CLIENT_PREFIX.length());
        return Ids.isValid(id) ? Optional.of(id) : Optional.empty();
    }

    /** Everything the station may do, in topic-kind order, the town filter last. */
    public static List<Grant> grants(String stationId) {
        Ids.require(stationId, "stationId");
        List<Grant> grants = new ArrayList<>();
        for (Topics.Kind kind : Topics.Kind.values()) {
            grants.add(new Grant(Topics.station(stationId, kind), kind.uplink() ? Access.WRITE : Access.READ));
        }
        grants.add(new Grant(TOWN_FILTER, Access.READ));
        return List.copyOf(grants);
    }

    /** True if the station may publish on {@code topic}: one of its own uplink topics, exactly. */
    public static boolean mayPublish(String stationId, String topic) {
        return Topics.parse(topic).filter(a -> a.stationId().equals(stationId) && a.kind().uplink()).isPresent();
    }

    /**
     * True if the station may subscribe to {@code filter}: one of its own downlink topics exactly,
     * or a filter under the town topics (which can match nothing else). Wildcards over the
     * stations and shared subscriptions are refused.
     */
    public static boolean maySubscribe(String stationId, String filter) {
        if (filter == null || filter.startsWith("$")) {
            return false;
        }
        if (filter.startsWith(TOWN_PREFIX)) {
            return true;
        }
        return Topics.parse(filter).filter(a -> a.stationId().equals(stationId) && !a.kind().uplink()).isPresent();
    }
}
