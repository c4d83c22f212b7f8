package org.gridstation.kiosk.speech;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.Needs;
import org.gridstation.kiosk.testing.TestBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real espeak-ng with its Mandarin voice, writing WAV files ({@code -w}) instead of playing
 * them, so the test can check that something was really said.
 */
class EspeakSpeakerIT {
    private static final Path ESPEAK = Path.of("/usr/bin/espeak-ng");

    @TempDir
    Path dir;

    @BeforeEach
    void needEspeak() {
        Needs.executable(ESPEAK, "apt-get install espeak-ng");
    }

    @Test
    void mandarinPrompt_isSpokenAsANonSilentWav() throws Exception {
        Path wav = dir.resolve("prompt.wav");
        try (CommandSpeaker speaker = new CommandSpeaker(List.of(ESPEAK.toString(), "-v", "cmn", "-w", wav.toString()))) {
            assertTrue(speaker.say("签到成功，张伟").get(60, TimeUnit.SECONDS), "espeak-ng succeeded");
        }
        assertSpeech(wav);
    }

    @Test
    void kioskWithSpeechOn_saysTheTicketNumberOfARequest() throws Exception {
        Path wav = dir.resolve("ticket.wav");
        KioskConfig config = KioskConfig.defaults("hexing", dir.resolve("kiosk"), "tcp://127.0.0.1:" + TestBroker.freePort())
                .withHttpPort(0).withPeripherals(KioskConfig.Peripherals.defaults()
                        .withSpeech(true, List.of(ESPEAK.toString(), "-v", "cmn", "-w", wav.toString())));
        try (KioskApp kiosk = KioskApp.start(config)) {
            Http.Response r = new Http(kiosk.httpPort()).request("{\"category\":\"errand\",\"severity\":\"normal\"}");
            assertEquals(201, r.status());
            await("the prompt is spoken", 60_000, () -> Files.exists(wav) && wavComplete(wav));
        }
        assertSpeech(wav);
    }

    /** A RIFF/WAVE file with PCM data of more than half a second that is not silence. */
    private static void assertSpeech(Path wav) throws Exception {
        byte[] b = Files.readAllBytes(wav);
        assertEquals("RIFF", new String(b, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(b, 8, 4, StandardCharsets.US_ASCII));
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int rate = in.getInt(24);
        int bits = in.getShort(34);
        int at = 12;
        while (at + 8 <= b.length && !new String(b, at, 4, StandardCharsets.US_ASCII).equals("data")) {
            at += 8 + in.getInt(at + 4);
        }
        assertTrue(at + 8 <= b.length, "a data chunk");
        int samples = (b.length - at - 8) / (bits / 8);
        assertTrue(samples > rate / 2, "more than half a second of sound: " + samples + " samples at " + rate + " Hz");
        int peak = 0;
        for (int i = 0; i < samples; i++) {
            peak = Math.max(peak, Math.abs(in.getShort(at + 8 + 2 * i)));
        }
        assertTrue(peak > 1000, "not silence: peak " + peak);
    }

    private static boolean wavComplete(Path wav) {
        try {
            byte[] b = Files.readAllBytes(wav);
            return b.length > 44 && ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(4) == b.length - 8;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
