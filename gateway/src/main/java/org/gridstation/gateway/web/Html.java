package org.gridstation.gateway.web;

/** Escaping for the server-rendered public pages. */
final class Html {
    private Html() {
    }

    /** Text safe inside an element or a double-quoted attribute. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: zh-CN or English, large type, high contrast, no external resources. */
    static String page(String lang, String title, String body) {
        return page(lang, title, body, "en".equals(lang) ? "?lang=zh" : "?lang=en");
    }

    /** A whole page whose language switch goes to {@code other} (a page that keeps its own query). */
    static String page(String lang, String title, String body, String other) {
        String otherLabel = "en".equals(lang) ? "中文" : "English";
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body{margin:0;font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;font-size:22px;
                  line-height:1.5;color:#111;background:#fff}
                header{background:#b71c1c;color:#fff;padding:16px 20px;display:flex;justify-content:space-between;
                  align-items:center;gap:12px}
                header h1{margin:0;font-size:28px}
                header a{color:#fff;border:2px solid #fff;border-radius:8px;padding:6px 14px;text-decoration:none}
                main{padding:12px 20px;max-width:960px}
                h2{font-size:24px;border-bottom:3px solid #b71c1c;padding-bottom:4px;margin-top:28px}
                ul{padding-left:0;list-style:none}
                li{padding:8px 0;border-bottom:1px solid #ddd}
                .muted{color:#444}
                .status{display:inline-block;font-size:28px;font-weight:bold;padding:8px 18px;border-radius:10px;
                  background:#1b5e20;color:#fff}
                .status.open{background:#e65100}
                dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 20px}
                dt{color:#444}
                dd{margin:0;font-weight:bold}
                </style>
                </head>
                <body>
                <header><h1>%s</h1><a href="%s">%s</a></header>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted("en".equals(lang) ? "en" : "zh-CN", esc(title), esc(title), esc(other), otherLabel, body);
    }
}
