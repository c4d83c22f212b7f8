package org.gridstation.cli.bench;

import java.util.Optional;

/**
 * Where a simulated station's MQTT username and password come from: the one place the load
 * generator asks before each station connects. The default is none (anonymous), as the embedded
 * broker and the bench's own Mosquitto accept today; a broker with per-station credentials plugs
 * its issuing in here (username = client id = {@code kiosk-<stationId>}).
 */
@FunctionalInterface
public interface StationCredentials {
    /** A username and password for one connect. */
    record Credentials(String username, String password) {
    }

    /** The credentials station {@code stationId} connects with, or empty for none. */
    Optional<Credentials> forStation(String stationId);

    /** No credentials: every station connects anonymously. */
    static StationCredentials none() {
        return stationId -> Optional.empty();
    }
}
