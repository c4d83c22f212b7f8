package org.gridstation.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;

/** {@code ./gridstation gateway --config FILE}: the town gateway alone. */
final class GatewayCommand {
    private GatewayCommand() {
    }

    static int run(List<String> args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("config"));
        Path file = flags.path("config").orElseThrow(() -> new Flags.UsageException("gateway needs --config FILE"));
        GatewayConfig config = GatewayConfig.load(file);
        Shutdown shutdown = new Shutdown();
        GatewayApp gateway = shutdown.add(GatewayApp.start(config));
        System.out.printf("GridStation gateway: dashboard http://localhost:%d/  MQTT %s%n",
                gateway.httpPort(), gateway.mqttUri());
        shutdown.await();
        return 0;
    }
}
