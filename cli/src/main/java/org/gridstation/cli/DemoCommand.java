package org.gridstation.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;

/**
 * {@code ./gridstation demo}: a gateway with its embedded broker and SQLite, a seeded town, and
 * simulated kiosks in one process. Data stays in {@code --data} between runs.
 */
final class DemoCommand {
    private DemoCommand() {
    }

    static int run(List<String> args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("data", "http-port", "mqtt-port", "kiosks", "kiosk-port", "stations"));
        Path data = flags.path("data").orElse(Path.of("demo-data")).toAbsolutePath();
        int httpPort = flags.integer("http-port", 8080, 1, 65535);
        int mqttPort = flags.integer("mqtt-port", 1883, 1, 65535);
        int kiosks = flags.integer("kiosks", 3, 0, DemoTown.MAX_STATIONS);
        int kioskPort = flags.integer("kiosk-port", 7070, 1, 65535 - kiosks);
        int stationCount = flags.integer("stations", Math.max(kiosks, 1), Math.max(kiosks, 1), DemoTown.MAX_STATIONS);
        requireFree(httpPort, "--http-port");
        requireFree(mqttPort, "--mqtt-port");
        for (int i = 0; i < kiosks; i++) {
            requireFree(kioskPort + i, "--kiosk-port");
        }
        Files.createDirectories(data);

        Shutdown shutdown = new Shutdown();
        GatewayConfig gatewayConfig = GatewayConfig.defaults(data.resolve("gateway"))
                .withHttpPort(httpPort)
                .withMqttPort(mqttPort);
        GatewayApp gateway = shutdown.add(GatewayApp.start(gatewayConfig));
        List<String> stations = DemoTown.seed(gateway, stationCount);
        org.gridstation.gateway.roster.DemoRoster.seed(gateway.town(), gateway.roster().planner());
        Path badges = gateway.badges().writeCards(data.resolve("badges"));

        List<String> kioskUrls = new ArrayList<>();
        for (int i = 0; i < kiosks; i++) {
            String station = stations.get(i);
            // a fresh credential per run: the simulated kiosk connects like a provisioned one
            var credential = gateway.stationCredentials().issue(station);
            KioskConfig config = KioskConfig.defaults(station, data.resolve("kiosk-" + station), gateway.mqttUri())
                    .withMqttCredentials(credential.username(), credential.password())
                    .withHttpPort(kioskPort + i);
            KioskApp kiosk = shutdown.add(KioskApp.start(config));
            kioskUrls.add(String.format("  %-24s http://localhost:%d/", station, kiosk.httpPort()));
        }

        System.out.println();
        System.out.println("GridStation demo is running. 演示已启动。");
        System.out.printf("  dashboard 指挥中心         http://localhost:%d/%n", gateway.httpPort());
        java.nio.file.Path initial = org.gridstation.gateway.auth.InitialAdmin.file(gatewayConfig.dataDir());
        if (java.nio.file.Files.exists(initial)) {
            System.out.printf("  sign in 登录               admin / %s  (one-time: you choose a new one 一次性密码，首次登录后须修改)%n",
                    java.nio.file.Files.readString(initial).strip());
        } else {
            System.out.println("  sign in 登录               with the admin password you chose 使用您设置的管理员密码");
        }
        System.out.printf("  MQTT broker               %s%n", gateway.mqttUri());
        System.out.println("  kiosks 站点触摸屏:");
        kioskUrls.forEach(System.out::println);
        System.out.printf("  roster 排班 (week, tonight) http://localhost:%d/roster/week  http://localhost:%d/roster/tonight%n",
                gateway.httpPort(), gateway.httpPort());
        System.out.printf("  badges 工作证 (PNG + token) %s%n", badges);
        if (kiosks > 0) {
            System.out.printf("  try a badge-in:  curl -s -H 'Content-Type: text/plain' --data-binary @%s/<person>.token"
                    + " http://localhost:%d/api/v1/scan%n", badges, kioskPort);
        }
        System.out.println("Press Ctrl-C to stop. 按 Ctrl-C 停止。");
        shutdown.await();
        return 0;
    }

    private static void requireFree(int port, String flag) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new Flags.UsageException("port " + port + " is already in use; choose another with " + flag);
        }
    }
}
