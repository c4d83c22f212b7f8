package org.gridstation.kiosk.camera;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.QrImages;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera stream with real capture commands ({@code cat} of an MJPEG file plays the camera). */
class CameraStreamTest {
    private static final Duration FAST = Duration.ofMillis(50);
    private static final Duration FAST_MAX = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void badgeHeldInFrontOfTheCamera_checksTheVolunteerInOnce_andThePageCanShowIt() throws Exception {
        TestTown town = new TestTown();
        String badge = town.badge("p-017", "张伟");
        byte[] frame = QrImages.image(badge, 480, "jpg");
        // the card is held up: the same code in frame after frame, with an empty frame between
        Path frames = mjpeg(frame, QrImages.encode(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "jpg"),
                frame, frame);
        KioskConfig config = KioskConfig.defaults("hexing", dir.resolve("kiosk"), "tcp://127.0.0.1:" + TestBroker.freePort())
                .withHttpPort(0);
        try (KioskApp first = KioskApp.start(config)) { // the town's keys arrive, and are kept on disk
            first.town().offer(Topics.TOWN_KEYS, Json.write(town.publicKeys()));
        }
        try (KioskApp kiosk = KioskApp.start(config.withPeripherals(
                KioskConfig.Peripherals.defaults().withCamera(List.of("cat", frames.toString()))))) {
            Http http = new Http(kiosk.httpPort());
            assertTrue(http.get("/api/v1/state").json().get("camera").asBoolean());
            CameraStream camera = kiosk.camera().orElseThrow();
            // cat ends after each pass over the file and is started again (after 1 s, then 2 s):
            // the card stays in sight all along, so it is one check-in
            await("a check-in", 10_000, () -> kiosk.outbox().pending().stream().anyMatch(e -> e.body() instanceof CheckIn));
            await("the command restarted twice", 10_000, () -> camera.stats().restarts() >= 2);
            // the decoder drops frames while busy, so a later pass's frames may still be on their way
            await("the card seen again on a later pass", 10_000, () -> camera.stats().codes() >= 2);

            assertEquals(1, kiosk.outbox().pending().stream().filter(e -> e.body() instanceof CheckIn).count());
            assertEquals(0, kiosk.outbox().pending().stream().filter(e -> e.body() instanceof CheckOut).count());
            CameraStream.Stats stats = camera.stats();
            assertTrue(stats.frames() >= 8, stats.toString());
            assertTrue(stats.codes() >= 2, "seen again on the next pass, and ignored: " + stats);

            Http.Response seen = http.get("/api/v1/camera?after=0");
            assertEquals(200, seen.status());
            var event = seen.json();
            assertEquals("badge", event.get("kind").asText());
            assertEquals(1, event.get("seq").asLong());
            assertEquals("in", event.get("result").get("action").asText());
            assertEquals("张伟", event.get("result").get("name").asText());
            assertTrue(event.get("result").get("reason").asText().startsWith("张伟 签到成功"), seen.body());
            assertEquals("张伟 checked in (not on tonight's roster)",
                    http.get("/api/v1/camera?after=0&lang=en").json().get("result").get("reason").asText());
            assertEquals(204, http.get("/api/v1/camera?after=1").status());
            assertEquals(1, http.get("/api/v1/state").json().get("onDuty").size());
            assertEquals("ok", http.get("/healthz").body());
        }
    }

    @Test
    void commandThatKeepsExiting_isRestartedWithBackoff_andCloseStopsIt() throws Exception {
        List<String> texts = new CopyOnWriteArrayList<>();
        Path frames = mjpeg(QrImages.image("hello camera", 240, "jpg"));
        try (CameraStream camera = new CameraStream(List.of("cat", frames.toString()), new QrDecoder(), texts::add,
                FAST, FAST_MAX).start()) {
            await("three restarts", 10_000, () -> camera.stats().restarts() >= 3);
            await("the code read on every pass", 10_000, () -> texts.size() >= 3);
            assertEquals("hello camera", texts.get(0));
        }
        try (CameraStream missing = new CameraStream(List.of(dir.resolve("no-such-camera").toString()), new QrDecoder(),
                texts::add, FAST, FAST_MAX).start()) {
            await("a missing program is retried", 10_000, () -> missing.stats().restarts() >= 3);
            assertEquals(0, missing.stats().frames());
        }
    }

    @Test
    void close_endsARunningCaptureCommand() throws Exception {
        Path frames = mjpeg(QrImages.image("hello camera", 240, "jpg"));
        List<String> texts = new CopyOnWriteArrayList<>();
        // a camera that keeps running: one frame, then nothing (as a covered lens)
        CameraStream camera = new CameraStream(List.of("sh", "-c", "cat '" + frames + "'; exec sleep 600"),
                new QrDecoder(), texts::add, FAST, FAST_MAX).start();
        await("the frame", 10_000, () -> texts.size() == 1);
        assertTrue(children().stream().anyMatch(p -> p.info().command().orElse("").endsWith("sleep")), "running");
        long started = System.nanoTime();
        camera.close();
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(4).toNanos(), "close is quick");
        await("the command has ended", 5_000, () -> children().stream()
                .noneMatch(p -> p.info().command().orElse("").endsWith("sleep")));
        assertEquals(0, camera.stats().restarts());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("kiosk-camera")
                && t.isAlive()), "no camera thread left");
    }

    private static List<ProcessHandle> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private Path mjpeg(byte[]... jpegs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] jpeg : jpegs) {
            out.write(jpeg);
        }
        return Files.write(dir.resolve("frames-" + System.nanoTime() + ".mjpeg"), out.toByteArray());
    }
}
