package org.gridstation.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;

/** {@code ./gridstation kiosk --config FILE}: one station kiosk alone. */
final class KioskCommand {
    private KioskCommand() {
    }

    static int run(List<String> args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("config"));
        Path file = flags.path("config").orElseThrow(() -> new Flags.UsageException("kiosk needs --config FILE"));
        KioskConfig config = KioskConfig.load(file);
        Shutdown shutdown = new Shutdown();
        KioskApp kiosk = shutdown.add(KioskApp.start(config));
        System.out.printf("GridStation kiosk %s: touch page http://localhost:%d/%n", config.stationId(), kiosk.httpPort());
        shutdown.await();
        return 0;
    }
}
