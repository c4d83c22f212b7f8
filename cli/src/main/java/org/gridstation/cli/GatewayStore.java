package org.gridstation.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.gateway.store.Database;

/**
 * The stations' MQTT credentials in a gateway's data directory, for the commands that run beside
 * (or instead of) the gateway: {@code provision} stores a bundle's password hash, {@code
 * mosquitto-auth} reads the live ones. SQLite's WAL lets them run while the gateway runs.
 */
final class GatewayStore {
    private GatewayStore() {
    }

    static <T> T withCredentials(Path dataDir, Function<StationCredentials, T> work) {
        Path file = dataDir.resolve("gateway.db");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dataDir + " is not a gateway data directory: no gateway.db");
        }
        try (Database db = new Database(file)) {
            db.start();
            return work.apply(new StationCredentials(db, Clock.systemUTC()));
        }
    }
}
