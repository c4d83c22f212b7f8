package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Published on {@code gs/v1/stations/{id}/ack} after the gateway has committed events to its
 * store. A kiosk removes an event from its outbox only when an ack names it. Events that were
 * already stored (duplicates) are acknowledged again.
 *
 * @param schema contract version
 * @param stationId the station whose events these are
 * @param eventIds the ids now durably stored
 * @param gatewayTime the gateway clock at commit
 */
public record Ack(int schema, String stationId, List<UUID> eventIds, Instant gatewayTime) {
    public Ack {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        eventIds = List.copyOf(Ids.notNull(eventIds, "eventIds"));
        Ids.notNull(gatewayTime, "gatewayTime");
    }

    public static Ack of(String stationId, List<UUID> eventIds, Instant gatewayTime) {
        return new Ack(Schema.VERSION, stationId, eventIds, gatewayTime);
    }
}
