package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import java.util.Locale;

/** The reader's language: {@code en} if {@code ?lang=en} or {@code Accept-Language} prefers English, else {@code zh}. */
final class Lang {
    static final String ZH = "zh";
    static final String EN = "en";

    private Lang() {
    }

    static String of(Context ctx) {
        String q = ctx.queryParam("lang");
        if (q != null && !q.isBlank()) {
            return q.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH;
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en")) {
            return EN;
        }
        return ZH;
    }
}
