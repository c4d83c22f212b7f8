package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.town.DemoTown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kiosk process killed with SIGKILL while villagers file requests loses nothing it had
 * confirmed: after a restart every ticket it answered with 201 reaches the gateway.
 */
class KioskKillTest {
    @TempDir
    Path dir;

    @Test
    void everyConfirmedEvent_arrives_afterTheKioskIsKilledMidStream() throws Exception {
        try (GatewayApp gateway = GatewayApp.start(GatewayConfig.defaults(dir.resolve("gateway")).withHttpPort(0).withMqttPort(0))) {
            String station = DemoTown.seed(gateway, 1).get(0);
            var credential = gateway.stationCredentials().issue(station);
            int httpPort = FreePort.pick();
            Path config = dir.resolve("kiosk.properties");
            Files.writeString(config, String.join("\n",
                    "station.id=" + station,
                    "data.dir=" + dir.resolve("kiosk-data"),
                    "http.port=" + httpPort,
                    "mqtt.uri=" + gateway.mqttUri(),
                    "mqtt.username=" + credential.username(),
                    "mqtt.password=" + credential.password(),
                    "resend.seconds=2",
                    ""));
            String url = "http://127.0.0.1:" + httpPort;

            Process kiosk = startKiosk(config);
            Set<String> confirmed = ConcurrentHashMap.newKeySet();
            try {
                awaitHealthy(url, kiosk);
                AtomicBoolean filing = new AtomicBoolean(true);
                List<Thread> villagers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Thread v = new Thread(() -> {
                        int n = 0;
                        while (filing.get()) {
                            try {
                                TestHttp.Response r = TestHttp.postJson(url + "/api/v1/requests",
                                        "{\"category\":\"errand\",\"severity\":\"normal\",\"note\":\"代办 " + n++ + "\"}");
                                if (r.status() == 201) {
                                    confirmed.add(r.json().path("ticket").asText());
                                }
                            } catch (IOException | InterruptedException e) {
                                return; // the kiosk died under us: this request was never confirmed
                            }
                        }
                    });
                    v.start();
                    villagers.add(v);
                }
                Await.until("300 confirmed requests", Duration.ofSeconds(60), () -> confirmed.size() >= 300);
                kiosk.destroyForcibly(); // SIGKILL: no shutdown hook runs
                kiosk.waitFor();
                filing.set(false);
                for (Thread v : villagers) {
                    v.join(15_000);
                }
            } finally {
                kiosk.destroyForcibly();
            }
            Set<String> promised = new HashSet<>(confirmed);
            assertTrue(promised.size() >= 300);

            Process restarted = startKiosk(config);
            try {
                awaitHealthy(url, restarted);
                String gw = TestTown.gatewayUrl(gateway);
                Set<String> missing = new HashSet<>(promised);
                Await.until("every confirmed ticket at the gateway", Duration.ofSeconds(90), () -> {
                    for (JsonNode i : TestHttp.get(gw + "/api/v1/incidents?station=" + station + "&limit=1000").json()) {
                        missing.remove(i.path("id").asText());
                    }
                    if (!missing.isEmpty()) {
                        System.err.println(missing.size() + " confirmed tickets not yet at the gateway, e.g. " + missing.iterator().next());
                    }
                    return missing.isEmpty();
                });
            } finally {
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }

    private Process startKiosk(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.gridstation.cli.Main", "kiosk", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("kiosk-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private static void awaitHealthy(String url, Process process) throws Exception {
        Await.until("kiosk child process answering", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("kiosk process exited with " + process.exitValue());
            }
            return TestHttp.get(url + "/healthz").status() == 200;
        });
    }
}
