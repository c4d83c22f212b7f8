package org.gridstation.gateway.station;

import java.util.Optional;

/**
 * A station's health, from its last heartbeat.
 *
 * @param uptimeSeconds seconds since the kiosk service started
 * @param diskFreeBytes free bytes on the kiosk's data partition
 * @param cpuTemperatureC SoC temperature, where reported
 * @param outboxBacklog events not yet acknowledged
 * @param clockOffsetMs kiosk clock minus gateway clock at receipt, in milliseconds
 * @param softwareVersion kiosk software version
 * @param settingsVersion the fleet settings version the kiosk has in force
 * @param settingsError why the kiosk refused the newest settings version, if it did
 */
public record Health(long uptimeSeconds, long diskFreeBytes, Optional<Double> cpuTemperatureC, long outboxBacklog,
        long clockOffsetMs, String softwareVersion, Optional<Long> settingsVersion, Optional<String> settingsError) {
    public Health {
        cpuTemperatureC = cpuTemperatureC == null ? Optional.empty() : cpuTemperatureC;
        softwareVersion = softwareVersion == null ? "" : softwareVersion;
        settingsVersion = settingsVersion == null ? Optional.empty() : settingsVersion;
        settingsError = settingsError == null ? Optional.empty() : settingsError;
    }
}
