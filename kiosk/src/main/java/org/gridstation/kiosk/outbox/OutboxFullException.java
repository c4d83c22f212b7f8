package org.gridstation.kiosk.outbox;

/**
 * The outbox cannot take another event: it reached {@code outboxMaxBytes} or the disk is full.
 * Nothing of the refused event was written; every event already in the outbox stays. The web layer
 * answers HTTP 507 and tells the villager the request was not saved.
 */
public class OutboxFullException extends RuntimeException {
    /** What a villager reads, zh-CN. */
    public static final String MESSAGE_ZH = "存储空间已满，请联系管理员。您的请求未能保存。";
    /** What a villager reads, English. */
    public static final String MESSAGE_EN = "Storage is full, please contact the administrator. Your request was not saved.";

    public OutboxFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The on-screen message in {@code lang} ({@code en…} for English, anything else zh-CN). */
    public static String label(String lang) {
        return lang != null && lang.startsWith("en") ? MESSAGE_EN : MESSAGE_ZH;
    }
}
