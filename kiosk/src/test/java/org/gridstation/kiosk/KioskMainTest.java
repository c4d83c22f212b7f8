package org.gridstation.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk as a child JVM, the way the lead's kill -9 test runs it. */
class KioskMainTest {
    private static final Pattern READY = Pattern.compile("KIOSK READY http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void childJvm_killedHard_keepsEveryConfirmedRequest_andTheBrokerSendsItsWill() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             TestGateway gateway = TestGateway.connect(broker.uri(), "hexing", false)) {
            Path file = dir.resolve("kiosk.properties");
            Files.writeString(file, "station.id=hexing\nhttp.port=0\nmqtt.uri=" + broker.uri() + "\n");
            Process child = start(file);
            int confirmed = 0;
            try {
                Http http = new Http(awaitReady(child));
                TestGateway.await("online", 15_000, () -> gateway.statuses().stream().anyMatch(st -> st.contains("\"online\":true")));
                for (int i = 0; i < 20; i++) {
                    if (http.request("{\"category\":\"other\",\"severity\":\"normal\"}").status() == 201) {
                        confirmed++;
                    }
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            assertEquals(20, confirmed);
            TestGateway.await("last will", 15_000, () -> gateway.statuses().stream().anyMatch(st -> st.contains("\"online\":false")));
        }
        try (KioskDatabase db = KioskDatabase.open(dir.resolve("data"), 1 << 24)) {
            Outbox outbox = new Outbox(db, "hexing", java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(15));
            assertEquals(20, outbox.pendingCount(), "nothing was acked, so everything confirmed is still there");
            assertEquals(20, outbox.lastSeq());
        }
    }

    @Test
    void childJvm_onSigterm_stopsCleanly_andKeepsTheOutbox() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "station.id=hexing\nhttp.port=0\nmqtt.uri=tcp://127.0.0.1:" + TestBroker.freePort() + "\n");
        Process child = start(file);
        try {
            Http http = new Http(awaitReady(child));
            assertEquals(201, http.request("{\"category\":\"other\",\"severity\":\"normal\"}").status());
            child.destroy();
            assertTrue(child.waitFor(15, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertEquals(143, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        try (KioskDatabase db = KioskDatabase.open(dir.resolve("data"), 1 << 24)) {
            assertEquals(1, new Outbox(db, "hexing", java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(15)).pendingCount());
        }
    }

    private static Process start(Path config) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KioskMain.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).start();
    }

    private static int awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new java.util.ArrayList<>();
        long until = System.currentTimeMillis() + 30_000;
        String line;
        while (System.currentTimeMillis() < until && (line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the child kiosk did not get ready: " + seen);
    }
}
