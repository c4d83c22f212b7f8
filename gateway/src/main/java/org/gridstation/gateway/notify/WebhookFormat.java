package org.gridstation.gateway.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The body a webhook receives: our generic JSON, or a WeChat Work or DingTalk group robot's message. */
public enum WebhookFormat {
    GENERIC("generic"),
    WECOM("wecom"),
    DINGTALK("dingtalk");

    private final String wire;

    WebhookFormat(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static WebhookFormat of(String wire) {
        for (WebhookFormat f : values()) {
            if (f.wire.equals(wire == null ? "" : wire.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of generic, wecom, dingtalk");
    }
}
