package org.gridstation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.gridstation.cli.bench.LocalProcesses;
import org.gridstation.protocol.Json;

/**
 * Measures the whole loop with the gateway and one kiosk as separate processes, as on real
 * machines: kiosk start to first HTTP 200, {@code POST /api/v1/scan} to the station showing
 * {@code staffed} at the gateway (N badge-ins, each followed by a badge-out), and each process's
 * resident memory.
 */
final class LoopBenchmark {
    private final Path data;
    private final int scans;
    private final List<String> gatewayJvm;
    private final List<String> kioskJvm;
    private final LocalProcesses processes;
    private final HttpClient http;

    LoopBenchmark(Path data, int scans, List<String> gatewayJvm, List<String> kioskJvm) {
        this.data = data;
        this.scans = scans;
        this.gatewayJvm = List.copyOf(gatewayJvm);
        this.kioskJvm = List.copyOf(kioskJvm);
        this.processes = new LocalProcesses(data);
        this.http = processes.http();
    }

    record Result(int scans, double kioskStartMs, List<Double> staffedMs, long gatewayRssKb, long kioskRssKb,
            List<String> gatewayJvm, List<String> kioskJvm) {
        String report() {
            List<Double> sorted = new ArrayList<>(staffedMs);
            Collections.sort(sorted);
            return String.format("""
                    GridStation loop benchmark (%d badge-ins; gateway and kiosk as separate JVMs, embedded broker, SQLite)
                      kiosk start to first HTTP 200:          %.0f ms
                      POST /api/v1/scan to staffed at gateway: median %.1f ms, p90 %.1f ms, worst %.1f ms
                      resident memory (VmRSS):                gateway %d MB, kiosk %d MB
                      JVM options:                            gateway [%s], kiosk [%s]
                    """, scans, kioskStartMs, percentile(sorted, 50), percentile(sorted, 90),
                    sorted.get(sorted.size() - 1), gatewayRssKb / 1024, kioskRssKb / 1024,
                    String.join(" ", gatewayJvm), String.join(" ", kioskJvm));
        }

        private static double percentile(List<Double> sorted, int p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
        }
    }

    Result run() throws Exception {
        int gwHttp = LocalProcesses.freePort();
        int gwMqtt = LocalProcesses.freePort();
        int kioskHttp = LocalProcesses.freePort();
        Process gateway = processes.start(Main.class.getName(), List.of("demo", "--data", data.resolve("gateway-side").toString(),
                "--http-port", "" + gwHttp, "--mqtt-port", "" + gwMqtt, "--kiosks", "0", "--stations", "1"), gatewayJvm, "gateway.log");
        Process kiosk = null;
        try {
            String gw = "http://127.0.0.1:" + gwHttp;
            processes.awaitStatus(gw + "/healthz", gateway, Duration.ofSeconds(120));
            processes.signInAsFirstAdmin(gw, data.resolve("gateway-side").resolve("gateway"), gateway);
            String station = getJson(gw + "/api/v1/stations").get(0).path("id").asText();
            String person = processes.scheduledVolunteer(gw, station);
            String token = LocalProcesses.readWhenWritten(data.resolve("gateway-side").resolve("badges").resolve(person + ".token"),
                    gateway, Duration.ofSeconds(60));

            Path config = data.resolve("kiosk.properties");
            List<String> lines = new ArrayList<>(List.of("station.id=" + station, "data.dir=" + data.resolve("kiosk"),
                    "http.port=" + kioskHttp, "mqtt.uri=tcp://127.0.0.1:" + gwMqtt));
            lines.addAll(processes.issueMqttCredential(gw, station));
            lines.add("");
            Files.writeString(config, String.join("\n", lines));
            long t0 = System.nanoTime();
            kiosk = processes.start(Main.class.getName(), List.of("kiosk", "--config", config.toString()), kioskJvm, "kiosk.log");
            String k = "http://127.0.0.1:" + kioskHttp;
            processes.awaitStatus(k + "/healthz", kiosk, Duration.ofSeconds(60));
            double kioskStartMs = (System.nanoTime() - t0) / 1e6;
            awaitKeys(k, Duration.ofSeconds(60));

            List<Double> staffed = new ArrayList<>();
            for (int i = 0; i < scans; i++) {
                long s = System.nanoTime();
                post(k + "/api/v1/scan", token);
                awaitStaffed(gw, station, true);
                staffed.add((System.nanoTime() - s) / 1e6);
                post(k + "/api/v1/scan", token);
                awaitStaffed(gw, station, false);
            }
            return new Result(scans, kioskStartMs, staffed, LocalProcesses.rssKb(gateway), LocalProcesses.rssKb(kiosk), gatewayJvm, kioskJvm);
        } finally {
            if (kiosk != null) {
                kiosk.destroy();
                kiosk.waitFor();
            }
            gateway.destroy();
            gateway.waitFor();
        }
    }

    private void awaitKeys(String kiosk, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state = getJson(kiosk + "/api/v1/state");
            if (state.path("keys").asInt(0) > 0 && state.path("connected").asBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new TimeoutException("kiosk did not receive the badge keys");
    }

    private void awaitStaffed(String gw, String station, boolean staffed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (getJson(gw + "/api/v1/stations/" + station).path("staffed").asBoolean() == staffed) {
                return;
            }
            Thread.sleep(1);
        }
        throw new TimeoutException("station never became staffed=" + staffed);
    }

    private void post(String url, String text) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(r.body());
        if (!body.path("accepted").asBoolean()) {
            throw new IllegalStateException("scan refused: " + r.body());
        }
    }

    private JsonNode getJson(String url) throws Exception {
        return processes.getJson(url);
    }
}
