package org.gridstation.cli.bench;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.gridstation.protocol.Json;

/**
 * What the benchmarks need to run a gateway and a kiosk as separate local processes, as on real
 * machines: start one, wait for it to answer, read a badge the demo wrote, sample its memory.
 */
public final class LocalProcesses {
    private final Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param data where the processes' logs go */
    public LocalProcesses(Path data) {
        this.data = data;
    }

    /** Starts {@code java [jvm] -cp <this classpath> <mainClass> [args]}, its output into {@code data/log}. */
    public Process start(String mainClass, List<String> args, List<String> jvm, String log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        Files.createDirectories(data);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve(log).toFile()).start();
    }

    /** Waits until {@code url} answers 200, failing if {@code process} exits or the time is up. */
    public void awaitStatus(String url, Process process, Duration timeout) throws Exception {
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

    /** The demo writes the badge files after its gateway already answers HTTP: waits for the whole line. */
    public static String readWhenWritten(Path file, Process process, Duration timeout) throws Exception {
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

    /** A volunteer on tonight's roster of {@code station}, from the gateway's coverage. */
    public String scheduledVolunteer(String gateway, String station) throws Exception {
        for (JsonNode shift : getJson(gateway + "/api/v1/coverage").path("shifts")) {
            if (shift.path("stationId").asText().equals(station) && shift.path("scheduled").size() > 0) {
                return shift.path("scheduled").get(0).path("personId").asText();
            }
        }
        throw new IllegalStateException("no volunteer scheduled tonight at " + station);
    }

    public JsonNode getJson(String url) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookie != null && url.startsWith(signedInAt)) {
            b.header("Cookie", "gs_session=" + cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    private String cookie;
    private String csrf;
    private String signedInAt;

    /**
     * Issues a new MQTT credential for {@code station} through the gateway's REST API (signed in
     * first) and returns it as kiosk.properties lines ({@code mqtt.username=…}, {@code mqtt.password=…}).
     */
    public List<String> issueMqttCredential(String gateway, String station) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/stations/" + station
                + "/mqtt/credentials")).header("Cookie", "gs_session=" + cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("MQTT credential for " + station + " -> " + r.statusCode() + " " + r.body());
        }
        JsonNode c = Json.mapper().readTree(r.body());
        return List.of("mqtt.username=" + c.path("username").asText(), "mqtt.password=" + c.path("password").asText());
    }

    /**
     * Signs in to a gateway just started on a new data directory, as its first admin: reads the
     * one-time password the gateway wrote, and chooses a random new one (the session stays). Later
     * {@link #getJson} calls to that gateway carry the session.
     */
    public void signInAsFirstAdmin(String gateway, Path gatewayDataDir, Process process) throws Exception {
        String oneTime = readWhenWritten(gatewayDataDir.resolve("initial-admin-password"), process, Duration.ofSeconds(60)).strip();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(
                        Map.of("username", "admin", "password", oneTime)))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in to " + gateway + " -> " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        signedInAt = gateway;
        csrf = Json.mapper().readTree(r.body()).path("csrf").asText();
        String fresh = UUID.randomUUID().toString();
        HttpResponse<String> p = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/session/password"))
                .header("Content-Type", "application/json").header("Cookie", "gs_session=" + cookie)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(
                        Map.of("current", oneTime, "next", fresh)))).build(), HttpResponse.BodyHandlers.ofString());
        if (p.statusCode() != 204) {
            throw new IllegalStateException("password change at " + gateway + " -> " + p.statusCode() + " " + p.body());
        }
    }

    public HttpClient http() {
        return http;
    }

    /** The process's resident memory ({@code VmRSS} in /proc), in KiB. */
    public static long rssKb(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
