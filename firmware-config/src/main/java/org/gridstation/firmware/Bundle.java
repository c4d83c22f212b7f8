package org.gridstation.firmware;

import java.util.List;
import java.util.Optional;

/**
 * One station's generated bundle.
 *
 * @param spec what it was made from
 * @param mqttUsername the station's broker user, {@code kiosk-<stationId>}
 * @param files every file, in a fixed order
 */
public record Bundle(StationSpec spec, String mqttUsername, List<BundleFile> files) {
    public Bundle {
        files = List.copyOf(files);
    }

    /** The Mosquitto $7$ hash of the station's MQTT password, from its {@code mosquitto/passwd} line. */
    public String mqttPasswordHash() {
        return org.gridstation.firmware.mosquitto.MosquittoPassword.hashOf(file("mosquitto/passwd")
                .orElseThrow(() -> new IllegalStateException("the bundle has no mosquitto/passwd")).content());
    }

    /** The file at {@code path}, if the bundle has one. */
    public Optional<BundleFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
