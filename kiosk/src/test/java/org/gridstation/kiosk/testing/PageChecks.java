package org.gridstation.kiosk.testing;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every screen of the touch page must satisfy, checked in the browser, and its screenshots. */
public final class PageChecks {
    /**
     * Where the screenshots go: the kiosk's target folder on every run, and the reactor's
     * docs/screenshots (the kept set) when the build is run with {@code -Dscreenshots.update=true},
     * so an ordinary test run does not rewrite tracked files.
     */
    public static final Path SCREENSHOTS = Boolean.getBoolean("screenshots.update")
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    /**
     * Returns the problems of the screen as shown: the page scrolls; an element is off-screen (or,
     * inside a scrollable list, sticks out of it sideways); text overflows its box; text under
     * 24 px; text contrast under 7:1; a button smaller than 64 x 64.
     */
    private static final String PROBLEMS = """
            () => {
              const problems = [];
              const W = innerWidth, H = innerHeight, se = document.scrollingElement;
              if (se.scrollHeight > H + 1) problems.push('page scrolls vertically: ' + se.scrollHeight + ' > ' + H);
              if (se.scrollWidth > W + 1) problems.push('page scrolls sideways: ' + se.scrollWidth + ' > ' + W);
              const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                  + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                  + ' "' + (e.textContent || '').trim().slice(0, 30) + '"';
              const visible = e => {
                if (!e.getClientRects().length) return false;
                const s = getComputedStyle(e);
                return s.visibility !== 'hidden' && parseFloat(s.opacity) > 0;
              };
              const rgb = c => {
                const m = c.match(/[\\d.]+/g).map(Number);
                const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return { l: 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]), a: m.length > 3 ? m[3] : 1 };
              };
              const background = e => {
                for (let x = e; x; x = x.parentElement) {
                  const v = rgb(getComputedStyle(x).backgroundColor);
                  if (v.a > 0) return v.l;
                }
                return 1;
              };
              for (const e of document.querySelectorAll('body *')) {
                if (e.tagName === 'SCRIPT' || (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') || !visible(e)) continue;
                const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
                const list = e.parentElement && e.parentElement.closest('.scroll');
                if (list) {
                  const s = list.getBoundingClientRect();
                  if (r.left < s.left - 1 || r.right > s.right + 1) problems.push('sticks out of its list: ' + name(e));
                } else if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) {
                  problems.push('off-screen: ' + name(e) + ' ' + JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round)));
                }
                if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) problems.push('overflows sideways: ' + name(e));
                if (e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1 && !e.classList.contains('scroll')) {
                  problems.push('overflows downward: ' + name(e));
                }
                if ([...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) {
                  if (parseFloat(cs.fontSize) < 24) problems.push('text under 24px (' + cs.fontSize + '): ' + name(e));
                  const fg = rgb(cs.color).l, bg = background(e);
                  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
                  if (ratio < 7) problems.push('contrast ' + ratio.toFixed(2) + ':1: ' + name(e));
                }
                if (e.tagName === 'BUTTON' && (r.width < 64 || r.height < 64)) {
                  problems.push('touch target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ': ' + name(e));
                }
              }
              return problems;
            }
            """;

    private PageChecks() {
    }

    /** The layout and readability problems of what the page shows now (empty: none). */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Page page) {
        return (List<String>) page.evaluate(PROBLEMS);
    }

    /** Saves the viewport as {@code docs/screenshots/kiosk-{name}-{w}x{h}.png}. */
    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve("kiosk-" + name + "-" + page.viewportSize().width + "x"
                + page.viewportSize().height + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }
}
