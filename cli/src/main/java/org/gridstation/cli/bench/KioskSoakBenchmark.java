package org.gridstation.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gridstation.protocol.Json;

/**
 * {@code ./gridstation bench kiosk-soak --minutes N}: a real kiosk process used for N minutes, with
 * its resident memory sampled from {@code /proc/<pid>/status} every minute.
 *
 * <p>A gateway (the demo's, with its embedded broker, one station and no kiosk of its own) and the
 * kiosk run as separate JVMs. The use, over HTTP as the touch page does it: the page's state poll
 * every second (the page polls every 5 s), a badge scan every 2 s (a volunteer in, then out), a
 * walk-in request every 10 s and a ticket lookup every 10 s — in one hour about 45 busy days' worth
 * of scans and 24 days' worth of requests.
 */
public final class KioskSoakBenchmark {
    private final Path data;
    private final Duration duration;
    private final List<String> kioskJvm;
    private final String entryPoint;
    private final LocalProcesses processes;
    private final HttpClient http;

    /**
     * @param entryPoint the java class (and nothing else) that takes {@code demo …} and {@code kiosk …} arguments
     */
    public KioskSoakBenchmark(Path data, Duration duration, List<String> kioskJvm, String entryPoint) {
        this.data = data;
        this.duration = duration;
        this.kioskJvm = List.copyOf(kioskJvm);
        this.entryPoint = entryPoint;
        this.processes = new LocalProcesses(data);
        this.http = processes.http();
    }

    /** One resident-memory sample. */
    public record Sample(double minutes, long rssKb, long scans, long requests, long backlog) {
    }

    /** The figures. */
    public record Result(Duration duration, List<Sample> samples, long scans, long requests, long lookups, long failures,
            List<String> kioskJvm) {
        public String report() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("GridStation kiosk soak (%d min of simulated use over HTTP; kiosk JVM options [%s])%n",
                    duration.toMinutes(), String.join(" ", kioskJvm)));
            b.append(String.format("  scans %d, requests %d, ticket lookups %d, failed calls %d%n", scans, requests,
                    lookups, failures));
            b.append("  minute  kiosk VmRSS  outbox backlog\n");
            for (Sample s : samples) {
                b.append(String.format("  %6.1f  %8d MB  %14d%n", s.minutes(), s.rssKb() / 1024, s.backlog()));
            }
            long max = samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
            b.append(String.format("  peak %d MB, end %d MB%n", max / 1024, samples.get(samples.size() - 1).rssKb() / 1024));
            return b.toString();
        }
    }

    public Result run() throws Exception {
        int gwHttp = LocalProcesses.freePort();
        int gwMqtt = LocalProcesses.freePort();
        int kioskHttp = LocalProcesses.freePort();
        Files.createDirectories(data);
        Process gateway = processes.start(entryPoint, List.of("demo", "--data", data.resolve("gateway-side").toString(), "--http-port",
                "" + gwHttp, "--mqtt-port", "" + gwMqtt, "--kiosks", "0", "--stations", "1"), List.of(), "gateway.log");
        Process kiosk = null;
        try {
            String gw = "http://127.0.0.1:" + gwHttp;
            processes.awaitStatus(gw + "/healthz", gateway, Duration.ofSeconds(120));
            processes.signInAsFirstAdmin(gw, data.resolve("gateway-side").resolve("gateway"), gateway);
            String station = processes.getJson(gw + "/api/v1/stations").get(0).path("id").asText();
            String person = processes.scheduledVolunteer(gw, station);
            Path tokenFile = data.resolve("gateway-side").resolve("badges").resolve(person + ".token");
            String token = LocalProcesses.readWhenWritten(tokenFile, gateway, Duration.ofSeconds(60));

            Path config = data.resolve("kiosk.properties");
            List<String> lines = new ArrayList<>(List.of("station.id=" + station, "data.dir=" + data.resolve("kiosk"),
                    "http.port=" + kioskHttp, "mqtt.uri=tcp://127.0.0.1:" + gwMqtt));
            lines.addAll(processes.issueMqttCredential(gw, station));
            lines.add("");
            Files.writeString(config, String.join("\n", lines));
            kiosk = processes.start(entryPoint, List.of("kiosk", "--config", config.toString()), kioskJvm, "kiosk.log");
            String k = "http://127.0.0.1:" + kioskHttp;
            processes.awaitStatus(k + "/healthz", kiosk, Duration.ofSeconds(60));

            List<Sample> samples = new ArrayList<>();
            long scans = 0;
            long requests = 0;
            long lookups = 0;
            long failures = 0;
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            long nextSample = t0;
            String lastTicket = station + "-1";
            for (long tick = 0; System.nanoTime() < end; tick++) {
                if (!kiosk.isAlive()) {
                    throw new IllegalStateException("the kiosk exited with " + kiosk.exitValue() + "; see " + data);
                }
                long now = System.nanoTime();
                if (now >= nextSample) {
                    samples.add(sample(kiosk, k, (now - t0) / 60e9, scans, requests));
                    nextSample += Duration.ofMinutes(1).toNanos();
                }
                try {
                    processes.getJson(k + "/api/v1/state");
                    if (tick % 2 == 0) {
                        scans++;
                        failures += post(k + "/api/v1/scan", "text/plain", token).statusCode() == 200 ? 0 : 1;
                    }
                    if (tick % 10 == 3) {
                        HttpResponse<String> r = post(k + "/api/v1/requests", "application/json",
                                "{\"category\":\"environment\",\"severity\":\"normal\",\"phone\":\"13800571234\","
                                        + "\"note\":\"请尽快处理；需要上门查看\"}");
                        requests++;
                        if (r.statusCode() == 201) {
                            lastTicket = Json.mapper().readTree(r.body()).path("ticket").asText();
                        } else {
                            failures++;
                        }
                    }
                    if (tick % 10 == 7) {
                        lookups++;
                        int status = http.send(HttpRequest.newBuilder(URI.create(k + "/api/v1/tickets/" + lastTicket))
                                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        failures += status == 200 || status == 404 ? 0 : 1;
                    }
                } catch (IOException e) {
                    failures++;
                }
                long sleep = t0 + (tick + 1) * 1_000_000_000L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            samples.add(sample(kiosk, k, (System.nanoTime() - t0) / 60e9, scans, requests));
            return new Result(duration, samples, scans, requests, lookups, failures, kioskJvm);
        } finally {
            if (kiosk != null) {
                kiosk.destroy();
                kiosk.waitFor();
            }
            gateway.destroy();
            gateway.waitFor();
        }
    }

    private Sample sample(Process kiosk, String k, double minutes, long scans, long requests) throws Exception {
        long backlog = processes.getJson(k + "/api/v1/state").path("outboxBacklog").asLong(-1);
        Sample s = new Sample(minutes, LocalProcesses.rssKb(kiosk), scans, requests, backlog);
        System.out.printf("  %.1f min: kiosk VmRSS %d MB, %d scans, %d requests, backlog %d%n", minutes,
                s.rssKb() / 1024, scans, requests, backlog);
        return s;
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type + "; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
