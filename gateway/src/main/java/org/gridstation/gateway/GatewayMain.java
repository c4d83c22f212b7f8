package org.gridstation.gateway;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.gridstation.gateway.town.DemoTown;

/**
 * Runs a gateway alone for manual testing: {@code GatewayMain config.properties} or
 * {@code GatewayMain --demo DATA_DIR} (seeds a demo town). The cli module owns the real entry point.
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayConfig config;
        boolean demo = args.length == 2 && "--demo".equals(args[0]);
        if (demo) {
            config = GatewayConfig.defaults(Path.of(args[1])).withMqttPort(0);
        } else if (args.length == 1) {
            config = GatewayConfig.load(Path.of(args[0]));
        } else {
            System.err.println("usage: GatewayMain CONFIG.properties | --demo DATA_DIR");
            System.exit(2);
            return;
        }
        GatewayApp app = GatewayApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        if (demo) {
            DemoTown.seed(app, 3);
            System.out.println("badges written to " + app.badges().writeCards(config.dataDir().resolve("badges")));
        }
        System.out.println("dashboard: " + app.dashboardUrl() + "  mqtt: " + app.mqttUri());
        stopped.await();
    }
}
