package org.gridstation.cli.bench;

import java.util.Optional;

/**
 * Where a simulated station's MQTT username and password come from: the one place the load
 * generator asks before each station connects. {@code bench load} answers with the gateway's
 * internal credential (full rights, so the raw phase may publish on its own topics); a run with
 * per-station credentials (username = client id = {@code kiosk-<stationId>}) plugs them in here.
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
