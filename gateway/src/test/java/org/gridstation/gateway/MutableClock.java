package org.gridstation.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand. Thread-safe; always reports UTC, like the gateway's own clock. */
public final class MutableClock extends Clock {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** A clock at {@code local} in Asia/Shanghai. */
    public static MutableClock at(String local) {
        return new MutableClock(LocalDateTime.parse(local).atZone(SHANGHAI).toInstant());
    }

    /** Sets the time to {@code local} in Asia/Shanghai. */
    public void set(String local) {
        now = LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    /** Sets the time to {@code t}. */
    public void set(Instant t) {
        now = t;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
