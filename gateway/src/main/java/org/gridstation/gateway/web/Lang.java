package org.gridstation.gateway.web;

import io.javalin.http.Context;

/** The reader's language: {@code en} if asked for by {@code ?lang=} or Accept-Language, else zh-CN. */
final class Lang {
    private Lang() {
    }

    static String of(Context ctx) {
        String q = ctx.queryParam("lang");
        if (q != null && !q.isBlank()) {
            return q.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh";
        }
        String h = ctx.header("Accept-Language");
        return h != null && h.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh";
    }
}
