package org.gridstation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LoopBenchmark(Path data, int scans, List<String> gatewayJvm, List<String> kioskJvm) {
        this.data = data;
        this.scans = scans;
        this.gatewayJvm = List.copyOf(gatewayJvm);
        this.kioskJvm = List.copyOf(kioskJvm);
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
        int gwHttp = freePort();
        int gwMqtt = freePort();
        int kioskHttp = freePort();
        Process gateway = start(List.of("demo", "--data", data.resolve("gateway-side").toString(),
                "--http-port", "" + gwHttp, "--mqtt-port", "" + gwMqtt, "--kiosks", "0", "--stations", "1"), gatewayJvm, "gateway.log");
        Process kiosk = null;
        try {
            String gw = "http://127.0.0.1:" + gwHttp;
            awaitStatus(gw + "/healthz", gateway, Duration.ofSeconds(120));
            String station = getJson(gw + "/api/v1/stations").get(0).path("id").asText();
            String person = scheduledVolunteer(gw, station);
            String token = readWhenWritten(data.resolve("gateway-side").resolve("badges").resolve(person + ".token"),
                    gateway, Duration.ofSeconds(60));

            Path config = data.resolve("kiosk.properties");
            Files.writeString(config, String.join("\n", "station.id=" + station, "data.dir=" + data.resolve("kiosk"),
                    "http.port=" + kioskHttp, "mqtt.uri=tcp://127.0.0.1:" + gwMqtt, ""));
            long t0 = System.nanoTime();
            kiosk = start(List.of("kiosk", "--config", config.toString()), kioskJvm, "kiosk.log");
            String k = "http://127.0.0.1:" + kioskHttp;
            awaitStatus(k + "/healthz", kiosk, Duration.ofSeconds(60));
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
            return new Result(scans, kioskStartMs, staffed, rssKb(gateway), rssKb(kiosk), gatewayJvm, kioskJvm);
        } finally {
            if (kiosk != null) {
                kiosk.destroy();
                kiosk.waitFor();
            }
            gateway.destroy();
            gateway.waitFor();
        }
    }

    private Process start(List<String> args, List<String> jvm, String log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Files.createDirectories(data);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve(log).toFile()).start();
    }

    private void awaitStatus(String url, Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + "; see logs in " + data);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        throw new TimeoutException(url + " did not answer within " + timeout);
    }

    /** The demo writes the badge files after its gateway already answers HTTP. */
    private static String readWhenWritten(Path file, Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway process exited with " + process.exitValue());
            }
            if (Files.exists(file)) {
                String text = Files.readString(file);
                if (text.endsWith("\n")) {
                    return text.strip();
                }
            }
            Thread.sleep(20);
        }
        throw new TimeoutException(file + " was not written within " + timeout);
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

    private String scheduledVolunteer(String gw, String station) throws Exception {
        for (JsonNode shift : getJson(gw + "/api/v1/coverage").path("shifts")) {
            if (shift.path("stationId").asText().equals(station) && shift.path("scheduled").size() > 0) {
                return shift.path("scheduled").get(0).path("personId").asText();
            }
        }
        throw new IllegalStateException("no volunteer scheduled tonight at " + station);
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
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(r.body());
    }

    private static long rssKb(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
