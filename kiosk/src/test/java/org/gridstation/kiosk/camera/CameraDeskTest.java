package org.gridstation.kiosk.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.badge.DutyLedger;
import org.gridstation.kiosk.badge.ScanDesk;
import org.gridstation.kiosk.badge.ScanResult;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.hardware.SimulatedHardware;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.speech.Announcer;
import org.gridstation.kiosk.speech.CommandSpeaker;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera's dispatcher over a real outbox, duty ledger and town state; the time is stepped by hand. */
class CameraDeskTest {
    private static final TestTown town = new TestTown();
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    private KioskDatabase db;
    private Outbox outbox;
    private SimulatedHardware hw;
    private CommandSpeaker speaker;
    private final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
    private CameraDesk desk;

    @BeforeEach
    void desk() {
        db = KioskDatabase.open(dir, KioskConfig.DEFAULT_OUTBOX_MAX_BYTES);
        Clock clock = Clock.systemUTC();
        TownState state = new TownState("hexing", dir, TestTown.ZONE, clock);
        state.offer(Topics.TOWN_KEYS, Json.write(town.publicKeys()));
        outbox = new Outbox(db, "hexing", clock, Duration.ofSeconds(15));
        hw = new SimulatedHardware();
        ScanDesk scanDesk = new ScanDesk(outbox, state, new DutyLedger(db), hw, hw, () -> false, clock);
        speaker = new CommandSpeaker(List.of("true"));
        desk = new CameraDesk(scanDesk, new Announcer(speaker, () -> false), nanos::get, CameraDesk.REPEAT_WINDOW);
    }

    @AfterEach
    void close() {
        speaker.close();
        db.close();
    }

    @Test
    void badgeKeptInSight_isOneScan_andOnceOutOfSightForThreeSecondsItScansAgain() {
        String badge = town.badge("p-017", "张伟");
        CameraEvent in = desk.seen(badge).orElseThrow();
        assertEquals(CameraEvent.BADGE, in.kind());
        assertEquals(ScanResult.IN, in.scan().orElseThrow().zh().action());
        assertTrue(in.scan().get().en().reason().contains("checked in"), in.toString());
        for (int i = 0; i < 5; i++) { // seen every two seconds for ten seconds: still the first scan
            nanos.addAndGet(2 * SECOND);
            assertEquals(Optional.of(in), desk.seen(badge));
        }
        assertEquals(5, desk.repeats());
        nanos.addAndGet(3 * SECOND + 1);
        CameraEvent out = desk.seen("  " + badge + "\n").orElseThrow();
        assertEquals(ScanResult.OUT, out.scan().orElseThrow().zh().action());
        assertEquals(2, out.seq());
        assertEquals(List.of(CheckIn.class, CheckOut.class), outbox.pending().stream().map(e -> e.body().getClass()).toList());
        assertEquals(2, hw.beepCount(), "one beep each, as for a keyboard scan");
    }

    @Test
    void ticketTrackingUrl_isATicketEvent_andNoScan() {
        CameraEvent t = desk.seen("HTTPS://qingxi.example.gov.cn/tickets/hexing-45/").orElseThrow();
        assertEquals(CameraEvent.TICKET, t.kind());
        assertEquals(Optional.of("hexing-45"), t.ticket());
        assertEquals(List.of(), outbox.pending());
        assertEquals(0, hw.beepCount());
        CameraEvent other = desk.seen("https://qingxi.example.gov.cn/stations/hexing").orElseThrow();
        assertEquals(CameraEvent.BADGE, other.kind(), "any other text is tried as a badge");
        assertEquals(ScanResult.REFUSED, other.scan().orElseThrow().zh().action());
        assertEquals(Optional.empty(), desk.seen("   "));
    }

    @Test
    void newestAfter_givesOnlyTheNewestFreshEvent_andRestartsFromAPreviousRunsNumber() {
        assertEquals(Optional.empty(), desk.newestAfter(0));
        desk.seen("https://town.example/tickets/hexing-1");
        CameraEvent second = desk.seen("https://town.example/tickets/hexing-2").orElseThrow();
        assertEquals(Optional.of(second), desk.newestAfter(0));
        assertEquals(Optional.of(second), desk.newestAfter(1));
        assertEquals(Optional.empty(), desk.newestAfter(2));
        assertEquals(Optional.of(second), desk.newestAfter(57), "a page that saw an earlier run of the kiosk");
        nanos.addAndGet(CameraDesk.FRESH_FOR.toNanos() + 1);
        assertEquals(Optional.empty(), desk.newestAfter(0), "stale: whoever scanned has left");
    }
}
