package org.gridstation.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.KioskMain;

/** {@code ./gridstation kiosk --config FILE}: one station kiosk alone, until SIGTERM or Ctrl-C. */
final class KioskCommand {
    private KioskCommand() {
    }

    static int run(List<String> args) {
        Flags flags = Flags.parse(args, Set.of("config"));
        Path file = flags.path("config").orElseThrow(() -> new Flags.UsageException("kiosk needs --config FILE"));
        KioskMain.run(KioskConfig.load(file));
        return 0;
    }
}
