package org.gridstation.protocol.station;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Published every heartbeat interval (30 s by default) on {@code gs/v1/stations/{id}/heartbeat}
 * at QoS 0. A station whose heartbeats stop is shown offline after the gateway's timeout even if
 * no last will arrives.
 *
 * @param schema contract version
 * @param stationId the station
 * @param deviceTime kiosk clock; the gateway records its offset from the gateway clock
 * @param uptimeSeconds seconds since the kiosk service started
 * @param diskFreeBytes free bytes on the kiosk's data partition
 * @param cpuTemperatureC SoC temperature where the board reports one
 * @param outboxBacklog events written but not yet acknowledged by the gateway
 * @param lastSeq the highest sequence number the kiosk has assigned
 * @param onDuty person ids the kiosk believes are on duty now
 * @param softwareVersion kiosk software version
 * @param settingsVersion the fleet settings version in force, if the station has received any
 * @param settingsError why the newest settings version received was refused, if it was
 */
public record Heartbeat(
        int schema,
        String stationId,
        Instant deviceTime,
        long uptimeSeconds,
        long diskFreeBytes,
        Optional<Double> cpuTemperatureC,
        long outboxBacklog,
        long lastSeq,
        List<String> onDuty,
        String softwareVersion,
        Optional<Long> settingsVersion,
        Optional<String> settingsError) {

    /** A heartbeat from a station that has no fleet settings. */
    public Heartbeat(int schema, String stationId, Instant deviceTime, long uptimeSeconds, long diskFreeBytes,
            Optional<Double> cpuTemperatureC, long outboxBacklog, long lastSeq, List<String> onDuty,
            String softwareVersion) {
        this(schema, stationId, deviceTime, uptimeSeconds, diskFreeBytes, cpuTemperatureC, outboxBacklog, lastSeq,
                onDuty, softwareVersion, Optional.empty(), Optional.empty());
    }

    public Heartbeat {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        Ids.notNull(deviceTime, "deviceTime");
        cpuTemperatureC = cpuTemperatureC == null ? Optional.empty() : cpuTemperatureC;
        onDuty = onDuty == null ? List.of() : List.copyOf(onDuty);
        onDuty.forEach(p -> Ids.require(p, "onDuty[]"));
        Ids.notNull(softwareVersion, "softwareVersion");
        settingsVersion = settingsVersion == null ? Optional.empty() : settingsVersion;
        settingsError = settingsError == null ? Optional.empty() : settingsError;
    }
}
