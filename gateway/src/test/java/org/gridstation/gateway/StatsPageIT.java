package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics page in Debian's Chromium at a phone's size: it fits the width, draws its bars,
 * the form works without script, and the dashboard links to it. Skipped where
 * {@code /usr/bin/chromium} is missing, except under {@code CI=true}, where it fails (as the
 * kiosk's browser tests do).
 */
class StatsPageIT {
    @TempDir
    static Path dir;
    static GatewayApp app;
    static org.gridstation.gateway.testing.Browser chromium;
    static Browser browser;

    @BeforeAll
    static void start() {
        chromium = org.gridstation.gateway.testing.Browser.launch();
        browser = chromium.chromium();
        Instant t = LocalDateTime.of(2026, 11, 10, 9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        MutableClock clock = new MutableClock(t);
        app = GatewayApp.start(TestSupport.config(dir), clock);
        List<String> stations = DemoTown.seed(app, 4);
        IncidentDesk desk = app.incidentDesk();
        for (int k = 0; k < 24; k++) {
            clock.set(t.plus(Duration.ofHours(5L * k)));
            String id = app.intake().file(stations.get(k % 4), Category.values()[k % 5], Severity.NORMAL,
                    Optional.empty(), Optional.empty(), false, "test").id();
            clock.set(t.plus(Duration.ofHours(5L * k)).plus(Duration.ofMinutes(10 + k)));
            desk.accept(id, "leader");
            if (k % 3 != 0) {
                for (int c = 0; c < k % 4; c++) {
                    desk.climb(id, "leader", "协调");
                }
                clock.set(t.plus(Duration.ofHours(5L * k)).plus(Duration.ofHours(2)));
                desk.resolve(id, "leader", "已办结");
                desk.rate(id, k % 2 == 0 ? Rating.SATISFIED : Rating.BASICALLY_SATISFIED, "villager");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
    }

    static Page phone() {
        return signedIn(browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844).setLocale("zh-CN")
                .setDeviceScaleFactor(2).setJavaScriptEnabled(true)));
    }

    static String session;

    /** The page's browser holds a viewer's session cookie (signing in itself is DashboardIT's). */
    static Page signedIn(Page page) {
        if (session == null) {
            session = TestSupport.sessionCookie(app, "stats-viewer", org.gridstation.gateway.auth.Role.VIEWER);
        }
        page.context().addCookies(List.of(new com.microsoft.playwright.options.Cookie("gs_session", session)
                .setUrl("http://127.0.0.1:" + app.httpPort() + "/")));
        return page;
    }

    @Test
    void onAPhone_fitsTheWidthAndDrawsItsBars() throws Exception {
        Page page = phone();
        page.navigate("http://127.0.0.1:" + app.httpPort() + "/stats?from=2026-11-01&to=2026-11-30&by=grid");
        assertEquals("事件统计", page.title());
        Object scrollWidth = page.evaluate("() => document.scrollingElement.scrollWidth");
        assertTrue(((Number) scrollWidth).intValue() <= 390, "no sideways scrolling: " + scrollWidth);
        int charts = ((Number) page.evaluate("() => document.querySelectorAll('figure.chart svg').length")).intValue();
        assertEquals(7, charts);
        Object tooWide = page.evaluate("() => [...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().right > innerWidth + 1).length");
        assertEquals(0, ((Number) tooWide).intValue(), "every chart within the screen");
        Object bars = page.evaluate("() => [...document.querySelectorAll('svg rect')].filter(r => r.getBoundingClientRect().width > 2).length");
        assertTrue(((Number) bars).intValue() > 10, "bars drawn: " + bars);
        Object labelSize = page.evaluate("() => Math.min(...[...document.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height))");
        assertTrue(((Number) labelSize).doubleValue() >= 14, "chart labels readable at phone width: " + labelSize);
        Object clipped = page.evaluate("() => [...document.querySelectorAll('svg text')].filter(t => {"
                + " const s = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();"
                + " return r.left < s.left - 1 || r.right > s.right + 1; }).map(t => t.textContent)");
        assertEquals(List.of(), clipped, "no chart text cut off");
        Files.createDirectories(Path.of("target", "screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "stats-phone.png"))
                .setFullPage(true));
        page.close();
    }

    @Test
    void form_worksWithoutScript_andEnglishKeepsThePeriod() {
        Page page = signedIn(browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844).setLocale("zh-CN")
                .setJavaScriptEnabled(false)));
        page.navigate("http://127.0.0.1:" + app.httpPort() + "/stats?from=2026-11-01&to=2026-11-30");
        page.selectOption("select[name=by]", "category");
        page.click("form.period button");
        page.waitForURL("**by=category**");
        assertTrue(page.content().contains(Category.LEGAL_ADVICE.zh()));
        page.click("text=English");
        page.waitForURL("**lang=en**");
        assertTrue(page.url().contains("from=2026-11-01"), page.url());
        assertTrue(page.content().contains(Category.LEGAL_ADVICE.en()));
        page.close();
    }

    @Test
    void dashboard_linksToTheStatistics() {
        Page page = phone();
        page.navigate("http://127.0.0.1:" + app.httpPort() + "/");
        page.click("#stats-link");
        page.waitForURL("**/stats");
        assertEquals("事件统计", page.title());
        page.close();
    }
}
