package org.gridstation.kiosk.web;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.Browser;
import org.gridstation.kiosk.testing.PageChecks;
import org.gridstation.kiosk.testing.QrImages;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestGateway;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.badge.RefusalReason;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The touch page in real headless Chromium, against a whole kiosk whose town (keys, revocations,
 * roster, public wall) arrives from a test gateway over a real MQTT broker. Saves every screen at
 * 800x480 and 1280x800 into docs/screenshots.
 */
class TouchPageIT {
    private static final String STATION = "hexing";
    private static final String PUBLIC_URL = "https://qingxi.example.gov.cn/stations/hexing";
    private static final TestTown town = new TestTown();
    private static Browser browser;
    private static TestBroker broker;
    private static TestGateway gateway;

    @TempDir
    Path dir;
    private KioskApp kiosk;
    private BrowserContext context;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private java.util.Set<java.util.UUID> earlierEvents;

    @BeforeAll
    static void town(@TempDir Path brokerDir) throws Exception {
        browser = Browser.launch();
        broker = TestBroker.start(brokerDir);
        gateway = TestGateway.connect(broker.uri(), STATION, true);
        gateway.publishRetained(Topics.TOWN_KEYS, town.publicKeys());
        gateway.publishRetained(Topics.TOWN_REVOCATIONS, TestTown.revocations(3, "b-lost"));
        gateway.publishRetained(Topics.roster(STATION), roster());
        gateway.publishRetained(Topics.config(STATION), TestTown.wallConfig(STATION, "和兴村党群服务站", PUBLIC_URL));
        gateway.publishRetained(Topics.tickets(STATION), TestTown.ticketBoard(STATION, 12));
    }

    @AfterAll
    static void stopTown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startKiosk() throws InterruptedException {
        earlierEvents = java.util.Set.copyOf(gateway.distinct().keySet()); // each test's kiosk counts tickets from 1
        kiosk = KioskApp.start(KioskConfig.defaults(STATION, dir, broker.uri()).withHttpPort(0));
        await("downlinks", 15_000, () -> kiosk.town().keyRing().size() == 1 && kiosk.town().roster().isPresent()
                && kiosk.town().revocations().version() == 3 && kiosk.town().config().isPresent()
                && kiosk.town().ticketBoard().version() == 12);
    }

    @AfterEach
    void stopKiosk() {
        if (context != null) {
            context.close();
        }
        kiosk.close();
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"800, 480, zh", "1280, 800, zh", "800, 480, en", "1280, 800, en"})
    void everyScreen_fitsTheDisplay_withLargeTextBigTargetsAndHighContrast(int width, int height, String lang) {
        Page page = open(width, height, lang.equals("en") ? "/?lang=en" : "/");
        String suffix = lang.equals("en") ? "-en" : "";
        tap(page, "#start");
        check(page, "category" + suffix);
        tap(page, "[data-category=vulnerable-help]");
        check(page, "details" + suffix);
        tap(page, "#open-phone");
        for (String key : List.of("1", "3", "8", "0", "5", "7", "1", "2", "2", "3", "3")) {
            tap(page, "[data-key='" + key + "']");
        }
        check(page, "phone" + suffix);
        tap(page, "#phone-ok");
        tap(page, "#open-note");
        tap(page, "#phrases button >> nth=4");
        check(page, "note" + suffix);
        tap(page, "#note-ok");
        tap(page, "[data-severity=major]");
        check(page, "details-filled" + suffix);
        tap(page, "#submit");
        page.locator("#screen-ticket").waitFor();
        page.locator("#ticket-qr").waitFor();
        page.waitForFunction("() => document.getElementById('ticket-qr').complete");
        check(page, "ticket" + suffix);
        tap(page, "#done");

        scan(page, town.badge("p-018", "刘芳"));
        page.locator("#overlay[data-action=in]").waitFor();
        check(page, "scan-in" + suffix);
        page.locator("#overlay").click();
        page.locator("li[data-person=p-018] .here").waitFor();
        page.waitForFunction("() => document.getElementById('station-qr').complete");
        check(page, "idle" + suffix);

        scan(page, town.badge("lost", "王五"));
        page.locator("#overlay[data-action=refused]").waitFor();
        check(page, "scan-refused" + suffix);
        page.locator("#overlay").click();

        tap(page, "#lookup");
        tap(page, "[data-lookup-key='4']");
        tap(page, "[data-lookup-key='5']");
        check(page, "ticket-lookup" + suffix);
        tap(page, "#lookup-ok");
        page.locator("#status-word[data-status=resolved]").waitFor();
        check(page, "ticket-status" + suffix);
        tap(page, "[data-rating=dissatisfied]");
        page.locator("#rate-thanks").waitFor();
        check(page, "ticket-rated" + suffix);
        tap(page, "#back");
        scan(page, "https://qingxi.example.gov.cn/tickets/fengshou-3");
        page.locator("#status-missing").waitFor();
        page.waitForFunction("() => document.getElementById('missing-qr').complete");
        check(page, "ticket-elsewhere" + suffix);
    }

    @Test
    void ticketQrScanned_showsItsStatus_andADissatisfiedRatingReachesTheGateway() throws InterruptedException {
        Page page = open(800, 480, "/");
        scan(page, "https://qingxi.example.gov.cn/tickets/hexing-45");
        page.locator("#screen-status").waitFor();
        assertEquals("已办结", page.locator("#status-word").textContent());
        assertEquals("工单 hexing-45", page.locator("#title").textContent());
        assertEquals("办理层级：村 · 矛盾调解 · 重大", page.locator("#status-meta").textContent());
        assertEquals("答复：村调委会已组织双方协商，通道已清理。", page.locator("#status-note").textContent());
        assertTrue(page.locator("#status-dates").textContent().startsWith("登记 11/23 19:20 · 更新 11/24 16:15"),
                page.locator("#status-dates").textContent());
        assertEquals(List.of("满意", "基本满意", "不满意"), page.locator("#rate-buttons button").allTextContents());
        assertTrue(requested.stream().noneMatch(u -> u.contains("/api/v1/scan")), "a ticket QR is no badge scan");

        tap(page, "[data-rating=dissatisfied]");
        page.locator("#rate-thanks").waitFor();
        assertEquals("感谢您的评价！ 工单将重新办理，工作人员会再与您联系。", page.locator("#rate-thanks").textContent());
        assertTrue(page.locator("#rate-buttons").isHidden(), "rated once per visit");
        await("the gateway receives the rating", 10_000, () -> gateway.distinct().values().stream()
                .filter(e -> !earlierEvents.contains(e.id()))
                .anyMatch(e -> e.body().equals(new TicketFeedback("hexing-45", Rating.DISSATISFIED))));
    }

    @Test
    void ticketNumberTypedOnTheKeypad_opensIt_andAnOpenTicketCannotBeRated() {
        Page page = open(1280, 800, "/");
        tap(page, "#lookup");
        assertEquals("hexing-", page.locator("#lookup-prefix").textContent());
        tap(page, "#lookup-ok");
        assertEquals("请输入编号的数字", page.locator("#lookup-error").textContent());
        for (String key : List.of("4", "7", "del", "6")) {
            tap(page, "[data-lookup-key='" + key + "']");
        }
        assertEquals("46", page.locator("#lookup-display").textContent());
        tap(page, "#lookup-ok");
        page.locator("#status-word[data-status=dispatched]").waitFor();
        assertEquals("已派单", page.locator("#status-word").textContent());
        assertEquals("办结后可以在这里评价。", page.locator("#rate-current").textContent());
        assertTrue(page.locator("#rate-buttons").isHidden());
        assertEquals("暂无答复", page.locator("#status-note").textContent());
    }

    @Test
    void ticketOfAnotherStation_saysSo_andShowsTheGatewaysTrackingQr() {
        Page page = open(800, 480, "/");
        scan(page, "https://qingxi.example.gov.cn/tickets/fengshou-3");
        page.locator("#status-missing").waitFor();
        assertTrue(page.locator("#missing-reason").textContent().startsWith("本站查不到工单 fengshou-3"));
        page.waitForFunction("() => document.getElementById('missing-qr').complete");
        assertEquals("https://qingxi.example.gov.cn/tickets/fengshou-3",
                decodeQrText(page.locator("#missing-qr").getAttribute("src")));
    }

    @Test
    void badgeTypedByAKeyboardWedgeScanner_putsTheVolunteerOnDutyOnTheWall() {
        Page page = open(1280, 800, "/");
        Locator me = page.locator("li[data-person=p-017]");
        assertEquals("未到", me.locator(".away").textContent());
        page.locator("#start").focus(); // the scan works wherever the focus is, and presses nothing
        scan(page, town.badge("p-017", "张伟"));
        page.locator("#overlay[data-action=in]").waitFor();
        assertTrue(page.locator("#overlay-reason").textContent().contains("张伟"));
        assertTrue(page.locator("#screen-idle").isVisible(), "the focused button was not pressed");
        page.locator("#overlay").click();
        me.locator(".here").waitFor();
        assertEquals("✔ 已到", me.locator(".here").textContent());

        scan(page, town.badge("p-017", "张伟"));
        page.locator("#overlay[data-action=out]").waitFor();
        page.locator("#overlay").click();
        me.locator(".away").waitFor();
    }

    @Test
    void keysTypedSlowlyLikeAPerson_areNotTakenForAScan() {
        Page page = open(800, 480, "/");
        page.keyboard().type("HC1ABCDEFG", new com.microsoft.playwright.Keyboard.TypeOptions().setDelay(550));
        page.keyboard().press("Enter");
        page.waitForTimeout(300);
        assertTrue(page.locator("#overlay").isHidden());
        assertEquals(List.of(), requested.stream().filter(u -> u.contains("/api/v1/scan")).toList());
    }

    @Test
    void simplestRequest_takesThreeTapsFromTheWallToTheTicket() throws InterruptedException {
        Page page = open(800, 480, "/");
        int[] taps = {0};
        long started = System.nanoTime();
        tap(page, "#start", taps);
        tap(page, "[data-category=environment]", taps);
        tap(page, "#submit", taps);
        String ticket;
        page.waitForFunction("() => /^hexing-\\d+$/.test(document.getElementById('ticket-number').textContent)");
        double seconds = (System.nanoTime() - started) / 1e9;
        ticket = page.locator("#ticket-number").textContent();
        System.out.printf("simplest request: %d taps, %.2f s from the first tap to the ticket on screen%n", taps[0], seconds);
        assertTrue(taps[0] <= 4, "at most four taps, was " + taps[0]);
        assertEquals("hexing-1", ticket);
        assertEquals("https://qingxi.example.gov.cn/tickets/hexing-1",
                decodeQrText(page.locator("#ticket-qr").getAttribute("src")));
        WalkInRequest filed = filed(ticket);
        assertEquals(Category.ENVIRONMENT, filed.category());
        assertEquals(Severity.NORMAL, filed.severity());
    }

    @Test
    void requestWithUrgencyPhoneNoteAndAnonymityToggled_isFiledAsChosen() throws InterruptedException {
        Page page = open(1280, 800, "/");
        tap(page, "#start");
        tap(page, "[data-category=safety-hazard]");
        tap(page, "[data-severity=urgent]");
        tap(page, "#open-phone");
        for (String key : "13800571234".split("")) {
            tap(page, "[data-key='" + key + "']");
        }
        tap(page, "[data-key=del]");
        tap(page, "[data-key='5']");
        tap(page, "#phone-ok");
        assertEquals("电话 138 0057 1235", page.locator("#open-phone").textContent());
        tap(page, "#open-note");
        tap(page, "#phrases button >> nth=0");
        tap(page, "#phrases button >> nth=2");
        tap(page, "#note-ok");
        tap(page, "#anonymous");
        assertTrue(page.locator("#open-phone").isDisabled(), "anonymous: no phone");
        tap(page, "#anonymous");
        tap(page, "#open-phone");
        for (String key : "95105".split("")) {
            tap(page, "[data-key='" + key + "']");
        }
        tap(page, "#phone-ok");
        tap(page, "#submit");
        page.locator("#screen-ticket").waitFor();
        assertEquals("安全隐患 · 紧急", page.locator("#ticket-summary").textContent());
        WalkInRequest filed = filed(page.locator("#ticket-number").textContent());
        assertEquals(Severity.URGENT, filed.severity());
        assertEquals(Optional.of("95105"), filed.phone());
        assertEquals(Optional.of("请尽快处理；需要上门查看"), filed.note());
        assertEquals(false, filed.anonymous());
    }

    @Test
    void shortPhoneNumber_isRefusedOnTheKeypad() {
        Page page = open(800, 480, "/");
        tap(page, "#start");
        tap(page, "[data-category=errand]");
        tap(page, "#open-phone");
        tap(page, "[data-key='1']");
        tap(page, "#phone-ok");
        assertEquals("请输入5到20位数字", page.locator("#phone-error").textContent());
        assertTrue(page.locator("#screen-phone").isVisible());
    }

    @Test
    void languageSwitch_isOneTapEachWay_andFollowsTheQuery() {
        Page page = open(800, 480, "/");
        assertEquals("zh-CN", page.locator("html").getAttribute("lang"));
        assertEquals("我要反映问题", page.locator("#start").textContent());
        tap(page, "#lang");
        assertEquals("en", page.locator("html").getAttribute("lang"));
        assertEquals("Report a problem", page.locator("#start").textContent());
        page.locator("li[data-person=p-017] .away").getByText("not yet").waitFor();
        page.locator("#grid").getByText("Grid chief").waitFor();
        tap(page, "#start");
        assertEquals("Safety hazard", page.locator("[data-category=safety-hazard]").textContent());
        tap(page, "#lang");
        assertEquals("安全隐患", page.locator("[data-category=safety-hazard]").textContent());
        assertEquals("请选择要反映的事情", page.locator("#title").textContent());

        Page english = context.newPage();
        english.navigate(url("/?lang=en"));
        assertEquals("Please show your badge QR code", english.locator(".scan-hint span >> nth=1").textContent());
    }

    @Test
    void forgedExpiredAndRevokedBadges_areShownRefusedWithTheirReason() {
        Page page = open(800, 480, "/");
        assertRefused(page, TestTown.forged("p-017", "张伟"), RefusalReason.BAD_SIGNATURE);
        assertRefused(page, town.badge("p-017", "张伟", Instant.now().minus(Duration.ofDays(400)),
                Instant.now().minus(Duration.ofDays(1))), RefusalReason.EXPIRED);
        assertRefused(page, town.badge("lost", "王五"), RefusalReason.REVOKED);
        assertEquals("✖", page.locator("#overlay-icon").textContent());
    }

    @Test
    void touchPage_loadsNothingButTheKioskItself() {
        Page page = open(1280, 800, "/");
        tap(page, "#start");
        tap(page, "[data-category=policy]");
        tap(page, "#submit");
        page.locator("#ticket-qr").waitFor();
        scan(page, town.badge("p-019", "赵磊"));
        page.locator("#overlay[data-action=in]").waitFor();
        String own = url("/");
        assertTrue(requested.size() >= 6, "requests seen: " + requested);
        assertEquals(List.of(), requested.stream().filter(u -> !u.startsWith(own)).toList());
    }

    @Test
    void offlineKiosk_saysTheGatewayIsUnreachable_andWhenItLastHeard() {
        Path other = dir.resolve("offline");
        try (KioskApp offline = KioskApp.start(KioskConfig.defaults(STATION, other,
                "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0))) {
            offline.town().offer(Topics.config(STATION),
                    Json.write(TestTown.wallConfig(STATION, "和兴村党群服务站", PUBLIC_URL)));
            offline.town().offer(Topics.roster(STATION), Json.write(roster()));
            Page page = open(800, 480, "http://127.0.0.1:" + offline.httpPort() + "/");
            Locator link = page.locator("#link.offline");
            link.waitFor();
            assertTrue(link.textContent().matches("⚠ 无法连接网关 · 最后更新 \\d\\d:\\d\\d"), link.textContent());
            check(page, "idle-offline");
            page.setViewportSize(1280, 800);
            check(page, "idle-offline");
        }
    }

    @Test
    void idlePage_dimsAfterTheConfiguredTime_motionAndTouchWakeIt_andTheBacklightFollows() throws Exception {
        Path sysfs = java.nio.file.Files.createDirectories(dir.resolve("backlight"));
        java.nio.file.Files.writeString(sysfs.resolve("max_brightness"), "255\n");
        Path brightness = java.nio.file.Files.writeString(sysfs.resolve("brightness"), "200\n");
        try (KioskApp dimming = KioskApp.start(KioskConfig.defaults(STATION, dir.resolve("dimming"),
                "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0).withPeripherals(
                KioskConfig.Peripherals.defaults().withScreenDimAfter(Duration.ofSeconds(2)).withBacklight(brightness)))) {
            Page page = open(800, 480, "http://127.0.0.1:" + dimming.httpPort() + "/");
            Locator dimmed = page.locator("body[data-dimmed=true]");
            dimmed.waitFor(new Locator.WaitForOptions().setTimeout(15_000));
            assertTrue(page.locator("#dim").isVisible());
            await("backlight lowered", 5_000, () -> read(brightness).equals("25"));

            new org.gridstation.kiosk.testing.Http(dimming.httpPort()).post("/api/v1/simulator/motion", "text/plain", "");
            page.locator("#dim").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN)
                    .setTimeout(5_000));
            await("backlight restored", 5_000, () -> read(brightness).equals("200"));

            dimmed.waitFor(new Locator.WaitForOptions().setTimeout(15_000)); // idle again
            page.mouse().click(120, 440); // where the request button is: the touch only wakes the screen
            page.locator("#dim").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
            assertTrue(page.locator("#screen-idle").isVisible(), "the waking touch pressed nothing");
        }
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void printerThatFails_leavesTheTicketOnScreen_withASmallNotice() {
        try (KioskApp printing = KioskApp.start(KioskConfig.defaults(STATION, dir.resolve("printing"),
                "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0).withPeripherals(
                KioskConfig.Peripherals.defaults().withPrinter(dir.resolve("no-such-printer"))))) {
            printing.town().offer(Topics.config(STATION), Json.write(TestTown.wallConfig(STATION, "和兴村党群服务站", PUBLIC_URL)));
            Page page = open(800, 480, "http://127.0.0.1:" + printing.httpPort() + "/");
            tap(page, "#start");
            tap(page, "[data-category=errand]");
            tap(page, "#submit");
            page.locator("#receipt-notice.bad").waitFor();
            assertEquals("hexing-1", page.locator("#ticket-number").textContent());
            assertEquals("回执未能打印，请记下编号。", page.locator("#receipt-notice").textContent());
            page.waitForFunction("() => document.getElementById('ticket-qr').complete");
            check(page, "ticket-receipt-failed");
            page.setViewportSize(1280, 800);
            check(page, "ticket-receipt-failed");
        }
    }

    @Test
    void simulatorPage_scansABadgeImage_andTheWallShowsTheVolunteerOnDuty() throws Exception {
        Page wall = open(1280, 800, "/");
        Path image = dir.resolve("badge-p-019.png");
        java.nio.file.Files.write(image, QrImages.image(town.badge("p-019", "赵磊"), 480, "png"));
        Page simulator = context.newPage();
        simulator.navigate(url("/simulator"));
        simulator.locator("#image").setInputFiles(image);
        simulator.locator("#scan-result.ok").waitFor();
        assertTrue(simulator.locator("#scan-result").textContent().contains("赵磊"));
        simulator.locator("#emergency").click();
        simulator.locator("#devices").getByText("紧急按钮 Emergency presses: 1").waitFor();
        simulator.locator("#motion").click();
        simulator.locator("#devices").getByText("人体感应 Motion: 1").waitFor();
        PageChecks.screenshot(simulator, "simulator");
        wall.reload();
        wall.locator("li[data-person=p-019] .here").waitFor();
    }

    @Test
    void badgeImageOnTheSimulatedCamera_showsTheCheckInOnTheTouchPage_withoutAKeyPress() throws Exception {
        Page page = open(800, 480, "/");
        org.gridstation.kiosk.testing.Http http = new org.gridstation.kiosk.testing.Http(kiosk.httpPort());
        assertTrue(http.get("/api/v1/state").json().get("camera").asBoolean(), "simulation mode has a camera");
        var answer = http.post("/api/v1/simulator/scan-image", "application/octet-stream",
                QrImages.image(town.badge("p-019", "赵磊"), 400, "png")); // the kiosk takes at most 64 KiB
        assertEquals(200, answer.status(), () -> "scan-image answered " + answer.body());
        assertEquals("in", answer.json().get("action").asText(), "the simulator still gets the result");
        page.locator("#overlay[data-action=in]").waitFor();
        assertEquals("已签到", page.locator("#overlay-title").textContent());
        assertEquals("赵磊 签到成功，今晚值班 19:00–21:30", page.locator("#overlay-reason").textContent());
        check(page, "camera-scan-in");
        assertTrue(requested.stream().noneMatch(u -> u.contains("/api/v1/scan")), "scanned by the kiosk, not the page");
        page.locator("#overlay").click();
        page.locator("li[data-person=p-019] .here").waitFor();
    }

    @Test
    void ticketQrOnTheSimulatedCamera_opensItsStatusOnTheTouchPage() throws Exception {
        Page page = open(1280, 800, "/?lang=en");
        org.gridstation.kiosk.testing.Http http = new org.gridstation.kiosk.testing.Http(kiosk.httpPort());
        var answer = http.post("/api/v1/simulator/scan-image", "image/png",
                QrImages.image("https://qingxi.example.gov.cn/tickets/hexing-45", 400, "png"));
        assertEquals(200, answer.status());
        assertEquals("ticket", answer.json().get("kind").asText());
        assertEquals("hexing-45", answer.json().get("ticket").asText());
        page.locator("#status-word[data-status=resolved]").waitFor();
        assertEquals("Ticket hexing-45", page.locator("#title").textContent());
        assertTrue(requested.stream().noneMatch(u -> u.contains("/api/v1/scan")), "a ticket QR is no badge scan");
        assertEquals(0, kiosk.outbox().pending().stream()
                .filter(e -> e.body() instanceof org.gridstation.protocol.event.ScanRefused).count(), "nor a refused badge");
    }

    // ---- helpers ----

    private static Roster roster() {
        LocalDate today = LocalDate.now(TestTown.ZONE);
        ZonedDateTime start = today.atTime(19, 0).atZone(TestTown.ZONE);
        return new Roster(1, STATION, today, List.of(new Roster.Shift("night-1", "夜间值班", start.toOffsetDateTime(),
                start.plusMinutes(150).toOffsetDateTime(), 3, List.of(
                        new Roster.Volunteer("p-017", "张伟", Role.GRID_MEMBER),
                        new Roster.Volunteer("p-018", "刘芳", Role.VOLUNTEER),
                        new Roster.Volunteer("p-019", "赵磊", Role.SUBGRID_LEADER)))), Instant.now());
    }

    /** The request with this ticket, once the gateway has received it from the kiosk. */
    private WalkInRequest filed(String ticket) throws InterruptedException {
        await("the gateway receives " + ticket, 10_000, () -> find(ticket).isPresent());
        return find(ticket).orElseThrow();
    }

    private Optional<WalkInRequest> find(String ticket) {
        return gateway.distinct().values().stream().filter(e -> !earlierEvents.contains(e.id())).map(e -> e.body())
                .filter(b -> b instanceof WalkInRequest w && w.ticket().equals(ticket))
                .map(WalkInRequest.class::cast).findFirst();
    }

    private String url(String path) {
        return path.startsWith("http") ? path : "http://127.0.0.1:" + kiosk.httpPort() + path;
    }

    private Page open(int width, int height, String path) {
        context = browser.chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("zh-CN"));
        context.onRequest(r -> requested.add(r.url()));
        // measures how fast the test "scanner" really types (the page's burst detection allows 500 ms)
        context.addInitScript("document.addEventListener('keydown', e => { if (window.__lastKey) {"
                + " window.__keyGap = Math.max(window.__keyGap || 0, e.timeStamp - window.__lastKey); }"
                + " window.__lastKey = e.timeStamp; }, true);");
        Page page = context.newPage();
        page.navigate(url(path));
        page.locator("#roster li").first().waitFor();
        page.locator("#link").getByText("●").or(page.locator("#link.offline")).first().waitFor();
        return page;
    }

    private static void tap(Page page, String selector) {
        tap(page, selector, new int[1]);
    }

    private static void tap(Page page, String selector, int[] taps) {
        page.locator(selector).click();
        taps[0]++;
    }

    /** Types the token as a keyboard-wedge scanner does: a fast burst of keys, then Enter. */
    private static void scan(Page page, String token) {
        page.evaluate("() => { window.__keyGap = 0; window.__lastKey = 0; }");
        long started = System.nanoTime();
        page.keyboard().type(token);
        page.keyboard().press("Enter");
        System.out.printf("scan: %d keys typed in %d ms, longest pause between keys %s ms%n", token.length() + 1,
                (System.nanoTime() - started) / 1_000_000, page.evaluate("() => Math.round(window.__keyGap)"));
    }

    private static void assertRefused(Page page, String token, RefusalReason reason) {
        scan(page, token);
        page.locator("#overlay.bad").waitFor();
        assertEquals("证件无效", page.locator("#overlay-title").textContent());
        assertEquals(reason.zh(), page.locator("#overlay-reason").textContent());
        page.locator("#overlay").click();
        page.locator("#overlay").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    }

    private static void check(Page page, String screen) {
        PageChecks.screenshot(page, screen);
        List<String> problems = PageChecks.problems(page);
        assertEquals(List.of(), problems, screen + " at " + page.viewportSize().width + "x" + page.viewportSize().height);
    }

    private static String decodeQrText(String src) {
        return java.net.URLDecoder.decode(src.substring(src.indexOf("text=") + 5), java.nio.charset.StandardCharsets.UTF_8);
    }
}
