package org.gridstation.protocol.station;

import java.time.Instant;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/stations/{id}/status}. The kiosk publishes {@code online: true} when it
 * connects; the same topic with {@code online: false} is its MQTT 5 last will, which the broker
 * publishes if the kiosk vanishes. A kiosk that stops cleanly publishes {@code online: false}
 * itself.
 *
 * @param schema contract version
 * @param stationId the station
 * @param online whether it is connected
 * @param deviceTime the kiosk clock when this was written (for a will: when it connected)
 * @param softwareVersion the kiosk software's version
 */
public record StationStatus(int schema, String stationId, boolean online, Instant deviceTime, String softwareVersion) {
    public StationStatus {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        Ids.notNull(deviceTime, "deviceTime");
        Ids.notNull(softwareVersion, "softwareVersion");
    }

    public static StationStatus of(String stationId, boolean online, Instant deviceTime, String softwareVersion) {
        return new StationStatus(Schema.VERSION, stationId, online, deviceTime, softwareVersion);
    }
}
