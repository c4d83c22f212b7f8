package org.gridstation.kiosk.web;

/** Thrown by a route to answer 404 with a message in both languages. */
final class NotFound extends RuntimeException {
    final String zh;
    final String en;

    NotFound(String zh, String en) {
        super(en);
        this.zh = zh;
        this.en = en;
    }
}
