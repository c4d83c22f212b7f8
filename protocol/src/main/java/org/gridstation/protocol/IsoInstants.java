package org.gridstation.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the contract writes ({@code 2026-11-23T11:02:03Z}, optionally with up to nine
 * fraction digits) without {@code DateTimeFormatter}: parsing them through ISO_INSTANT was about 40 %
 * of parsing an event at the gateway. Anything else (an offset, a leap second, whitespace, a
 * number, an invalid date) goes to Jackson's own {@link InstantDeserializer}, which accepts or
 * rejects it as before.
 *
 * <p>Writes them without it too ({@link Serializer}): exactly {@link Instant#toString()}, which
 * Jackson's serializer wrote through ISO_INSTANT, for the years 0000 to 9999. Formatting instants
 * was about half of the gateway's ticket-board rendering and 8 % of its ingest writer in a county
 * burst (the stored payload's device time, the notification's deadlines).
 */
final class IsoInstants {
    private IsoInstants() {
    }

    /** The deserializer: the fast path, else Jackson's. */
    static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = parse(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }

        @Override
        public Class<?> handledType() {
            return Instant.class;
        }
    }

    /** The serializer: {@link #format}, as {@link Instant#toString()} writes it. */
    static final class Serializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            char[] text = format(value);
            if (text == null) {
                gen.writeString(value.toString());
            } else {
                gen.writeString(text, 0, text.length);
            }
        }

        @Override
        public Class<Instant> handledType() {
            return Instant.class;
        }
    }

    /** First second of 0000-01-01 and last of 9999-12-31: the years {@link #format} writes itself. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_799L;

    /**
     * {@code t} as {@link Instant#toString()} writes it ({@code yyyy-MM-ddTHH:mm:ssZ}, the fraction
     * in 3, 6 or 9 digits when it is not zero), or null for a year outside 0000–9999.
     */
    static char[] format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return null;
        }
        int nanos = t.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
        char[] out = new char[fraction == 0 ? 20 : 21 + fraction];
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        if (fraction > 0) {
            out[19] = '.';
            int f = nanos;
            for (int i = fraction; i < 9; i++) {
                f /= 10;
            }
            put(out, 20, f, fraction);
        }
        out[out.length - 1] = 'Z';
        return out;
    }

    /** {@code value} as {@code len} decimal digits, zero-padded, at {@code from}. */
    private static void put(char[] out, int from, int value, int len) {
        int v = value;
        for (int i = from + len - 1; i >= from; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant, or null if {@code s} is not exactly that. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // an invalid date: Jackson's path reports it as before
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The {@code len} ASCII digits at {@code from} as a number, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
