package org.gridstation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Function;
import org.gridstation.firmware.gateway.GatewayData;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.Dialect;
import org.gridstation.gateway.store.StoreSettings;

/**
 * A gateway's data directory and store, for the commands that run beside (or instead of) the
 * gateway: {@code provision} stores a bundle's password hash, {@code mosquitto-auth} reads the live
 * ones. Named by {@code --data DIR} (a town: SQLite in DIR, whose WAL lets them run while the
 * gateway runs) or by {@code --config FILE} (the gateway's own configuration, so also a county's
 * PostgreSQL).
 */
record GatewayStore(Path dataDir, StoreSettings store) {

    /** From {@code --config FILE} if given, else {@code --data DIR}. */
    static GatewayStore of(Flags flags, String command) throws IOException {
        if (flags.path("config").isPresent()) {
            GatewayConfig config = GatewayConfig.load(flags.path("config").get());
            return new GatewayStore(config.dataDir(), config.store());
        }
        Path data = flags.path("data").orElseThrow(() -> new Flags.UsageException(
                command + " needs --data GATEWAY_DATA_DIR or --config GATEWAY_CONFIG"));
        return new GatewayStore(data, StoreSettings.sqlite());
    }

    /** A town's data directory with its SQLite store. */
    static GatewayStore sqlite(Path dataDir) {
        return new GatewayStore(dataDir, StoreSettings.sqlite());
    }

    <T> T withCredentials(Function<StationCredentials, T> work) {
        if (store.dialect() == Dialect.SQLITE && !Files.isRegularFile(dataDir.resolve("gateway.db"))) {
            throw new IllegalArgumentException(dataDir + " is not a gateway data directory: no gateway.db");
        }
        try (Database db = Database.open(store, dataDir)) {
            db.start();
            return work.apply(new StationCredentials(db, Clock.systemUTC()));
        }
    }

    /** What a station bundle needs from the gateway: its stations and badge keys. */
    GatewayData data() {
        if (store.dialect() == Dialect.SQLITE) {
            return GatewayData.open(dataDir);
        }
        return GatewayData.open(dataDir, this::connectPostgres);
    }

    private Connection connectPostgres() throws SQLException {
        Connection c = store.connect();
        c.setReadOnly(true);
        return c;
    }
}
