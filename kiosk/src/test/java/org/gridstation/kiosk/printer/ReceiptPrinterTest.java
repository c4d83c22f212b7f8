package org.gridstation.kiosk.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.request.Ticket;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipts printed into a file standing in for /dev/usb/lp0, read back byte by byte. */
class ReceiptPrinterTest {
    private static final String URL = "https://qingxi.example.gov.cn/stations/hexing";

    @TempDir
    Path dir;

    @Test
    void receipt_hasTheStationTicketCategoryTimeInGb18030_theTrackingQr_andACut() throws Exception {
        Path device = Files.createFile(dir.resolve("lp0"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T11:20:00Z"), ZoneOffset.UTC);
        TownState town = new TownState("hexing", dir, TestTown.ZONE, clock);
        town.offer(Topics.config("hexing"), Json.write(TestTown.wallConfig("hexing", "和兴村党群服务站", URL)));
        try (ReceiptPrinter printer = new ReceiptPrinter(device, "hexing", town, clock)) {
            assertTrue(printer.print(new Ticket("hexing-12", Category.DISPUTE_MEDIATION, Severity.MAJOR))
                    .get(10, TimeUnit.SECONDS));
            assertEquals(1, printer.printedCount());
        }
        EscPosParser p = EscPosParser.parse(Files.readAllBytes(device));
        assertTrue(p.initialised && p.chineseMode && p.cut);
        assertEquals(List.of("和兴村党群服务站", "受理回执", "受理编号", "hexing-12", "类别：矛盾调解", "紧急程度：重大",
                "时间：2026-11-23 19:20", "扫码查看办理进度", "请保管好本回执。"), p.lines);
        assertEquals(List.of("https://qingxi.example.gov.cn/tickets/hexing-12"), p.qrCodes);
        assertEquals(1, p.qrPrints);
    }

    @Test
    void withoutTheGatewaysAddress_theReceiptHasNoQr() {
        TownState town = new TownState("hexing", dir, TestTown.ZONE, Clock.systemUTC());
        EscPosReceipt r = new ReceiptPrinter(dir.resolve("lp0"), "hexing", town, Clock.systemUTC())
                .receipt(new Ticket("hexing-3", Category.OTHER, Severity.NORMAL));
        EscPosParser p = EscPosParser.parse(r.bytes());
        assertEquals(List.of(), p.qrCodes);
        assertEquals("hexing", p.lines.get(0), "the station id until the gateway sends the name");
        assertTrue(p.cut);
    }

    @Test
    void requestOverHttp_printsItsReceipt_andSaysSo() throws Exception {
        Path device = Files.createFile(dir.resolve("lp0"));
        try (KioskApp kiosk = KioskApp.start(config(device))) {
            kiosk.town().offer(Topics.config("hexing"), Json.write(TestTown.wallConfig("hexing", "和兴村党群服务站", URL)));
            Http.Response r = new Http(kiosk.httpPort()).request("{\"category\":\"environment\",\"severity\":\"urgent\"}");
            assertEquals(201, r.status());
            assertTrue(r.json().get("receiptPrinted").asBoolean());
        }
        EscPosParser p = EscPosParser.parse(Files.readAllBytes(device));
        assertTrue(p.lines.containsAll(List.of("hexing-1", "类别：环境卫生", "紧急程度：紧急")), p.lines.toString());
        assertEquals(List.of("https://qingxi.example.gov.cn/tickets/hexing-1"), p.qrCodes);
    }

    @Test
    void printerUnplugged_isCountedAndShown_butTheTicketStands() throws Exception {
        Path device = dir.resolve("usb").resolve("lp0"); // no such device
        try (KioskApp kiosk = KioskApp.start(config(device))) {
            Http.Response r = new Http(kiosk.httpPort()).request("{\"category\":\"other\",\"severity\":\"normal\"}");
            assertEquals(201, r.status());
            assertEquals("hexing-1", r.json().get("ticket").asText());
            assertFalse(r.json().get("receiptPrinted").asBoolean());
            assertEquals(WalkInRequest.class, kiosk.outbox().pending().get(0).body().getClass());
        }
        assertFalse(Files.exists(device), "no file left where the device should be");
    }

    @Test
    void withoutAPrinter_theAnswerSaysNothingAboutReceipts() throws Exception {
        try (KioskApp kiosk = KioskApp.start(KioskConfig.defaults("hexing", dir.resolve("k"),
                "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0))) {
            Http.Response r = new Http(kiosk.httpPort()).request("{\"category\":\"other\",\"severity\":\"normal\"}");
            assertFalse(r.json().has("receiptPrinted"));
        }
    }

    private KioskConfig config(Path device) {
        return KioskConfig.defaults("hexing", dir.resolve("kiosk"), "tcp://127.0.0.1:" + TestBroker.freePort())
                .withHttpPort(0).withPeripherals(KioskConfig.Peripherals.defaults().withPrinter(device));
    }
}
