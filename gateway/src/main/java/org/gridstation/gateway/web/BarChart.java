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
    private static final int WIDTH = 640;
    private static final int LABEL = 200;
    private static final int BAR = 330;
    private static final int ROW = 40;
    static final String[] COLOURS = {"#1b5e20", "#f9a825", "#b71c1c", "#1565c0"};

    private BarChart() {
    }

    /** A bar: its label, its segments' values (empty when undefined) and the text shown after it. */
    record Bar(String label, List<Double> segments, String text) {
        static Bar of(String label, Optional<Double> value, String text) {
            return new Bar(label, value.map(List::of).orElse(List.of()), value.isPresent() ? text : "—");
        }
    }

    /** A chart whose bars are scaled to {@code max} (at least the largest bar). */
    static String svg(String title, List<Bar> bars, double max) {
        double top = Math.max(max, bars.stream().mapToDouble(b -> b.segments().stream().mapToDouble(Double::doubleValue)
                .sum()).max().orElse(0));
        int height = ROW * Math.max(bars.size(), 1) + 8;
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart\"><figcaption>").append(Html.esc(title)).append("</figcaption>")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" aria-label=\"").append(Html.esc(title)).append("\">");
        if (bars.isEmpty()) {
            b.append("<text x=\"0\" y=\"26\" font-size=\"18\" fill=\"#444\">—</text>");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * ROW + 4;
            b.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 24)
                    .append("\" font-size=\"18\" text-anchor=\"end\" fill=\"#111\">").append(Html.esc(shorten(bar.label())))
                    .append("</text>");
            b.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 4).append("\" width=\"").append(BAR)
                    .append("\" height=\"26\" fill=\"#eee\"/>");
            double x = LABEL;
            for (int s = 0; s < bar.segments().size(); s++) {
                double w = top <= 0 ? 0 : BAR * bar.segments().get(s) / top;
                b.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 4).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"26\" fill=\"").append(COLOURS[s % COLOURS.length]).append("\"/>");
                x += w;
            }
            b.append("<text x=\"").append(LABEL + BAR + 8).append("\" y=\"").append(y + 24)
                    .append("\" font-size=\"18\" fill=\"#111\">").append(Html.esc(bar.text())).append("</text>");
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

    private static String shorten(String s) {
        return s.codePointCount(0, s.length()) <= 10 ? s : s.substring(0, s.offsetByCodePoints(0, 9)) + "…";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
