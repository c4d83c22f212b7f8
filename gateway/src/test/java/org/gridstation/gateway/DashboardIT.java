package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.gridstation.gateway.auth.Accounts;
import org.gridstation.gateway.auth.Role;
import org.gridstation.gateway.testing.Browser;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command centre in real headless Chromium: the first sign-in with the one-time admin
 * password; a station turning offline on the board without a reload; a grid leader's board
 * showing only their grid; the incident workbench, where an operator accepts and resolves a new
 * request and the steps land in the store under the operator's account. Also at phone width.
 */
class DashboardIT {
    static final String HEXING = "qingxi-hexing";
    static final Path SCREENSHOTS = Boolean.getBoolean("screenshots.update")
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    @TempDir
    Path dir;

    /** Creates an account with a password already chosen and signs it in through the sign-in form. */
    static void signIn(Page page, GatewayApp app, String user, String name, Role role, Optional<String> grid) {
        String password = "correct horse " + user;
        app.auth().accounts().create(new Accounts.Draft(user, name, role, grid, Optional.empty()), password);
        app.auth().accounts().setPassword(user, password, false);
        page.navigate("http://127.0.0.1:" + app.httpPort() + "/");
        page.waitForURL("**/signin?next=%2F");
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForSelector("#who");
    }

    @Test
    void firstSignIn_withTheOneTimeAdminPassword_asksForANewOne_thenShowsTheBoard() throws Exception {
        try (Browser browser = Browser.launch(); GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            DemoTown.seed(app, 1);
            Path file = dir.resolve("initial-admin-password");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String oneTime = Files.readString(file).strip();
            try (BrowserContext ctx = browser.chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(1280, 800).setLocale("zh-CN"))) {
                Page page = ctx.newPage();
                page.navigate("http://127.0.0.1:" + app.httpPort() + "/");
                page.waitForURL("**/signin?next=%2F");
                page.fill("#username", "admin");
                page.fill("#password", "not the password");
                page.click("button[type=submit]");
                assertTrue(page.textContent("[role=alert]").contains("用户名或密码错误"));
                page.fill("#username", "admin");
                page.fill("#password", oneTime);
                page.click("button[type=submit]");
                page.waitForURL("**/password?next=%2F");
                assertTrue(page.textContent("main").contains("一次性密码"));
                page.fill("#current", oneTime);
                page.fill("#next_password", "青溪镇 command centre 2026");
                page.fill("#confirm", "青溪镇 command centre 2026");
                page.click("button[type=submit]");
                page.waitForSelector("article.card");
                assertTrue(page.textContent("#who").contains("管理员"), page.textContent("header"));
                assertTrue(Files.notExists(file), "the one-time password is forgotten once changed");
                var cookie = ctx.cookies().stream().filter(c -> c.name.equals("gs_session")).findFirst().orElseThrow();
                assertTrue(cookie.httpOnly, "HttpOnly");
                assertEquals(com.microsoft.playwright.options.SameSiteAttribute.STRICT, cookie.sameSite);
                page.click("#signout");
                page.waitForURL("**/signin");
                page.navigate("http://127.0.0.1:" + app.httpPort() + "/stats");
                page.waitForURL("**/signin?next=%2Fstats");
            }
        }
    }

    @Test
    void aGridLeadersBoard_showsOnlyTheirGrid() throws Exception {
        try (Browser browser = Browser.launch(); GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            java.util.List<String> stations = DemoTown.seed(app, 3);
            try (BrowserContext ctx = browser.chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(1280, 800).setLocale("zh-CN"))) {
                Page page = ctx.newPage();
                signIn(page, app, "hexing-leader", "何网格长", Role.GRID_LEADER, Optional.of(HEXING));
                page.waitForSelector("article.card");
                assertEquals(1, page.locator("article.card").count(), "only the station of their village, of "
                        + stations.size());
                assertTrue(page.textContent("article.card h3").contains("和兴"), page.textContent("article.card"));
                assertTrue(page.textContent("#who").contains("何网格长 · 网格长"));
                assertEquals(1, page.locator("#map g.station").count(), "the map shows their station only");
            }
        }
    }

    @Test
    void aStationTurningOffline_showsOnTheBoardWithoutAReload() throws Exception {
        try (Browser browser = Browser.launch(); GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            DemoTown.seed(app, 1);
            try (BrowserContext ctx = browser.chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(1280, 800).setLocale("zh-CN"))) {
                Page page = ctx.newPage();
                signIn(page, app, "wall", "值班大屏", Role.VIEWER, Optional.empty());
                page.waitForSelector("article.card");
                page.evaluate("() => { window.sameDocument = true; }");
                try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
                    kiosk.publishJson(Topics.status(HEXING), org.gridstation.protocol.station.StationStatus.of(HEXING, true,
                            Instant.now(), "0.1.0"));
                    kiosk.publishJson(Topics.heartbeat(HEXING), new org.gridstation.protocol.station.Heartbeat(1, HEXING,
                            Instant.now(), 5, 1L << 30, Optional.empty(), 0, 0, java.util.List.of(), "0.1.0"));
                    // pushed by the live feed: the page polls only every 15 s
                    page.waitForFunction("() => document.querySelector('article.card').classList.contains('online')",
                            null, new Page.WaitForFunctionOptions().setTimeout(8_000));
                    // and its health from the heartbeat: disk free, backlog, version
                    page.waitForFunction("() => (document.querySelector('article.card .health') || {}).textContent"
                            + " && document.querySelector('article.card .health').textContent.includes('版本 0.1.0')",
                            null, new Page.WaitForFunctionOptions().setTimeout(8_000));
                    assertEquals(1, page.locator("#map g.station.online, #map g.station.on").count(), "on the map");
                    String health = page.textContent("article.card .health");
                    assertTrue(health.contains("磁盘剩余 1.0 GB") && health.contains("待发 0"), health);
                    // a malformed message from the station is refused, counted, and shown on its card
                    kiosk.publish(Topics.events(HEXING), "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    await("the rejection counted", () -> json(app, "/api/v1/ingest").path("rejected").asLong() == 1);
                    page.evaluate("() => window.GS.refresh()");
                    page.waitForSelector("article.card .rejected");
                    assertEquals("拒收消息 1", page.textContent("article.card .rejected"));
                }
                // no more heartbeats: offline after the 2 s timeout, on the board without a reload
                page.waitForFunction("() => !document.querySelector('article.card').classList.contains('online')",
                        null, new Page.WaitForFunctionOptions().setTimeout(8_000));
                assertTrue(page.textContent("article.card").contains("离线"));
                assertEquals(1, page.locator("#map g.station.off[data-id='" + HEXING + "']").count(),
                        "grey on the map too");
                assertEquals(Boolean.TRUE, page.evaluate("() => window.sameDocument"), "the page was not reloaded");
            }
        }
    }

    @Test
    void anOperatorAcceptsAndResolvesAnIncidentFromTheQueue() throws Exception {
        try (Browser browser = Browser.launch(); GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            DemoTown.seed(app, 1);
            try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
                kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, 7, Instant.now(), new WalkInRequest(
                        HEXING + "-7", Category.STREET_ORDER, Severity.MAJOR, Optional.empty(), Optional.of("路边违停挡路"), false)));
            }
            Files.createDirectories(SCREENSHOTS);
            try (BrowserContext ctx = browser.chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(1280, 800).setLocale("zh-CN"))) {
                Page page = ctx.newPage();
                signIn(page, app, "zhangmin", "指挥中心 张敏", Role.OPERATOR, Optional.empty());
                page.waitForSelector("tr.incident-row[data-id='" + HEXING + "-7']");
                String row = page.textContent("tr.incident-row[data-id='" + HEXING + "-7']");
                assertTrue(row.contains("待受理") && row.contains("服务队") && row.contains("受理 · 剩余"), row);
                page.click("tr.incident-row[data-id='" + HEXING + "-7']");
                page.waitForSelector("dialog#incident[open]");
                assertTrue(page.textContent("#inc-actor").contains("指挥中心 张敏"), "steps are taken as the signed-in operator");
                page.click("button[data-step='accept']");
                page.waitForFunction("() => document.querySelector('.inc-state').textContent.includes('已受理')");
                page.fill("form.step textarea[name='answer']", "已联系车主挪车，道路已畅通");
                page.locator("button[data-step='resolve']").click();
                page.waitForFunction("() => document.querySelector('.inc-state').textContent.includes('已办结')");
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-incident-1280x800.png")));
                page.click("dialog#incident button.close");
                page.waitForFunction("() => document.querySelector(\"tr.incident-row[data-id='" + HEXING
                        + "-7']\").textContent.includes('已办结')");
            }
            var steps = json(app, "/api/v1/incidents/" + HEXING + "-7").get("steps");
            assertEquals("zhangmin", steps.get(1).get("actor").asText());
            assertEquals("resolved", steps.get(2).get("action").asText());

            try (BrowserContext phone = browser.chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(390, 844).setLocale("zh-CN"))) {
                Page page = phone.newPage();
                signIn(page, app, "duty-phone", "值班手机", Role.OPERATOR, Optional.empty());
                page.waitForSelector("tr.incident-row");
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                assertEquals(0, ((Number) overflow).intValue(), "the board fits a phone's width");
                page.click("tr.incident-row");
                page.waitForSelector("dialog#incident[open]");
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-incident-390x844.png")));
            }
        }
    }
}
