package org.gridstation.gateway.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Horizontal bar charts as inline SVG: no script, no external resource, scaled to the width of
 * the screen (a phone included) by its {@code viewBox}. Each bar has one or more segments; a
 * bar without a value shows "—".
 */
final class BarChart {
    private static final int WIDTH = 400;
    private static final int ROW = 54;
    private static final int FONT = 17;
    static final String[] COLOURS = {"#1b5e20", "#f9a825", "#b71c1c", "#1565c0"};

    private BarChart() {
    }

    /** A bar: its label, its segments' values (empty when undefined) and the text shown after it. */
    record Bar(String label, List<Double> segments, String text) {
        static Bar of(String label, Optional<Double> value, String text) {
            return new Bar(label, value.map(List::of).orElse(List.of()), value.isPresent() ? text : "—");
        }
    }

    /**
     * A chart whose bars are scaled to {@code max} (at least the largest bar). Each row is the
     * label and the value on one line, the bar under them across the whole width, so a phone
     * needs no room beside the bar; the chart is at most 560 px wide on a large screen.
     */
    static String svg(String title, List<Bar> bars, double max) {
        double top = Math.max(max, bars.stream().mapToDouble(b -> b.segments().stream().mapToDouble(Double::doubleValue)
                .sum()).max().orElse(0));
        int height = ROW * Math.max(bars.size(), 1);
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart\"><figcaption>").append(Html.esc(title)).append("</figcaption>")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" style=\"max-width:560px\"")
                .append(" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" aria-label=\"")
                .append(Html.esc(title)).append("\">");
        if (bars.isEmpty()) {
            b.append("<text x=\"0\" y=\"24\" font-size=\"").append(FONT).append("\" fill=\"#444\">—</text>");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * ROW;
            b.append("<text x=\"0\" y=\"").append(y + 20).append("\" font-size=\"").append(FONT)
                    .append("\" fill=\"#111\">").append(Html.esc(shorten(bar.label()))).append("</text>");
            b.append("<text x=\"").append(WIDTH).append("\" y=\"").append(y + 20).append("\" font-size=\"").append(FONT)
                    .append("\" text-anchor=\"end\" fill=\"#111\">").append(Html.esc(bar.text())).append("</text>");
            b.append("<rect x=\"0\" y=\"").append(y + 27).append("\" width=\"").append(WIDTH)
                    .append("\" height=\"20\" fill=\"#eee\"/>");
            double x = 0;
            for (int s = 0; s < bar.segments().size(); s++) {
                double w = top <= 0 ? 0 : WIDTH * bar.segments().get(s) / top;
                b.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 27).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"20\" fill=\"").append(COLOURS[s % COLOURS.length])
                        .append("\"/>");
                x += w;
            }
        }
        return b.append("</svg></figure>").toString();
    }

    /** A legend for stacked bars. */
    static String legend(List<String> names) {
        StringBuilder b = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            b.append("<span><i style=\"background:").append(COLOURS[i % COLOURS.length]).append("\"></i>")
                    .append(Html.esc(names.get(i))).append("</span> ");
        }
        return b.append("</p>").toString();
    }

    static String percent(Optional<Double> r) {
        return r.map(x -> String.format(Locale.ROOT, "%.1f%%", x * 100)).orElse("—");
    }

    /** At most about 12 Chinese characters (or 24 Latin), leaving room for the value on the same line. */
    static String shorten(String s) {
        int width = 0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1)) {
            int cp = s.codePointAt(i);
            width += cp < 0x1100 ? 1 : 2;
            if (width > 24) {
                return out.append('…').toString();
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
