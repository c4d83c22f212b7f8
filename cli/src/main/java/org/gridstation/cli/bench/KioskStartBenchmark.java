package org.gridstation.cli.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Kiosk start: launches the kiosk as its own JVM (with the JVM options of its Pi unit unless told
 * otherwise) again and again, and times process launch → the first HTTP 200 of {@code /healthz}
 * and then of the touch page {@code /}; reads its resident memory ({@code VmRSS}) right then and
 * 5 s later. With {@code cds}, a training start first writes a dynamic AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}, as the kiosk unit's first start on a Pi does), then the runs
 * alternate without and with the archive ({@code -XX:SharedArchiveFile}) so both see the same
 * machine load. No gateway: the kiosk's MQTT client retries in the background, as at a station
 * whose gateway is unreachable; the first page does not wait for it.
 */
public final class KioskStartBenchmark {
    /** The JVM options of the kiosk's systemd unit on a Pi. */
    public static final List<String> PI_JVM = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private final Path data;
    private final int runs;
    private final List<String> jvm;
    private final boolean cds;
    private final String mainClass;
    private final LocalProcesses processes;

    public KioskStartBenchmark(Path data, int runs, List<String> jvm, boolean cds, String mainClass) {
        this.data = data;
        this.runs = runs;
        this.jvm = List.copyOf(jvm);
        this.cds = cds;
        this.mainClass = mainClass;
        this.processes = new LocalProcesses(data);
    }

    /** One start: launch → first 200 of /healthz and of /, resident memory then and 5 s later. */
    public record Start(double healthzMs, double pageMs, long rssKb, long rssAfter5sKb) {
    }

    /** The starts without and (with {@code cds}) with the archive, and the training start. */
    public record Result(List<String> jvm, List<Start> plain, List<Start> archived, double trainingMs, long archiveBytes,
            String loadBefore, String loadAfter) {
        public String report() {
            StringBuilder out = new StringBuilder(String.format(
                    "GridStation kiosk start: %d run(s), kiosk JVM: %s%n", plain.size(), String.join(" ", jvm)));
            line(out, "no archive", plain);
            if (!archived.isEmpty()) {
                line(out, "AppCDS archive", archived);
                out.append(String.format("  training start (-XX:ArchiveClassesAtExit): first 200 after %.0f ms; archive %.1f MB%n",
                        trainingMs, archiveBytes / 1e6));
            }
            out.append(String.format("  load average (1 min) before / after: %s / %s%n", loadBefore, loadAfter));
            return out.toString();
        }

        private static void line(StringBuilder out, String what, List<Start> starts) {
            out.append(String.format("  %-15s launch → /healthz 200 min / median / max: %s ms; → / 200: %s ms;"
                    + " VmRSS at first 200: %s MB, 5 s later: %s MB%n", what,
                    stats(starts.stream().map(Start::healthzMs).toList()), stats(starts.stream().map(Start::pageMs).toList()),
                    stats(starts.stream().map(s -> s.rssKb() / 1024.0).toList()),
                    stats(starts.stream().map(s -> s.rssAfter5sKb() / 1024.0).toList())));
        }

        private static String stats(List<Double> values) {
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            int n = v.size();
            double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
            return String.format("%.0f / %.0f / %.0f", v.get(0), median, v.get(n - 1));
        }
    }

    public Result run() throws Exception {
        String loadBefore = loadAverage();
        Files.createDirectories(data);
        Path archive = data.resolve("kiosk.jsa");
        double training = 0;
        long archiveBytes = 0;
        if (cds) {
            Files.deleteIfExists(archive);
            List<String> train = new ArrayList<>(jvm);
            train.add("-XX:ArchiveClassesAtExit=" + archive);
            training = once(train, "training").healthzMs();
            if (!Files.exists(archive)) {
                throw new IllegalStateException("the training start wrote no archive; see " + data.resolve("kiosk-training.log"));
            }
            archiveBytes = Files.size(archive);
        }
        List<Start> plain = new ArrayList<>();
        List<Start> archived = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plain.add(once(jvm, "plain"));
            if (cds) {
                List<String> with = new ArrayList<>(jvm);
                with.add("-XX:SharedArchiveFile=" + archive);
                archived.add(once(with, "archived"));
            }
        }
        return new Result(jvm, plain, archived, training, archiveBytes, loadBefore, loadAverage());
    }

    private Start once(List<String> options, String name) throws Exception {
        int port = LocalProcesses.freePort();
        Path config = data.resolve("kiosk.properties");
        Path kioskData = data.resolve("kiosk");
        Files.writeString(config, String.join("\n", "station.id=bench-start", "data.dir=" + kioskData,
                "http.port=" + port, "mqtt.uri=tcp://127.0.0.1:" + LocalProcesses.freePort(), ""));
        long t0 = System.nanoTime();
        Process kiosk = processes.start(mainClass, List.of("kiosk", "--config", config.toString()), options,
                "kiosk-" + name + ".log");
        try {
            String base = "http://127.0.0.1:" + port;
            processes.awaitStatus(base + "/healthz", kiosk, Duration.ofSeconds(60));
            double healthz = (System.nanoTime() - t0) / 1e6;
            HttpResponse<Void> page = processes.http().send(HttpRequest.newBuilder(URI.create(base + "/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET / -> " + page.statusCode());
            }
            double pageMs = (System.nanoTime() - t0) / 1e6;
            long rss = LocalProcesses.rssKb(kiosk);
            Thread.sleep(5_000);
            return new Start(healthz, pageMs, rss, LocalProcesses.rssKb(kiosk));
        } finally {
            kiosk.destroy();
            kiosk.waitFor();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
