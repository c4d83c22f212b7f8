package org.gridstation.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.gridstation.firmware.gateway.GatewayBackup;

/**
 * {@code ./gridstation backup --data DIR --out DIR} and {@code ./gridstation restore --from DIR
 * --data DIR}: an online backup of the gateway's database and signing keys (safe while the
 * gateway runs), and its restore into an empty data directory.
 */
final class BackupCommand {
    private BackupCommand() {
    }

    static int backup(List<String> args) {
        Flags flags = Flags.parse(args, Set.of("data", "out"));
        Path data = flags.path("data").orElseThrow(() -> new Flags.UsageException("backup needs --data GATEWAY_DATA_DIR"));
        Path out = flags.path("out").orElseThrow(() -> new Flags.UsageException("backup needs --out DIR"));
        GatewayBackup.backup(data, out);
        System.out.println("backed up " + data + " to " + out);
        return 0;
    }

    static int restore(List<String> args) {
        Flags flags = Flags.parse(args, Set.of("from", "data"));
        Path from = flags.path("from").orElseThrow(() -> new Flags.UsageException("restore needs --from BACKUP_DIR"));
        Path data = flags.path("data").orElseThrow(() -> new Flags.UsageException("restore needs --data GATEWAY_DATA_DIR"));
        GatewayBackup.restore(from, data);
        System.out.println("restored " + from + " into " + data);
        return 0;
    }
}
