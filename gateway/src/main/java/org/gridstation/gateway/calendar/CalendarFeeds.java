package org.gridstation.gateway.calendar;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;

/**
 * iCalendar feeds (RFC 5545) of the roster, one per volunteer (their shifts) and one per station
 * (all its shifts), from a week back to eight weeks ahead. Each feed lives at an unguessable URL:
 * a random 128-bit token stored per subject; rotating it retires the old URL. Times carry the
 * town's TZID with a VTIMEZONE (a zone without daylight saving, such as Asia/Shanghai, is one
 * STANDARD block); for a zone with daylight saving they are written in UTC instead. A feed is a
 * subscription, not an iTIP message, so it carries no METHOD (PUBLISH would require an organizer).
 */
public final class CalendarFeeds {
    /** Whose feed. */
    public enum Kind {
        PERSON, STATION;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Database db;
    private final Town town;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CalendarFeeds(Database db, Town town, Clock clock) {
        this.db = db;
        this.town = town;
        this.clock = clock;
    }

    /** The subject's token, created on first use. */
    public String token(Kind kind, String subjectId) {
        requireSubject(kind, subjectId);
        Optional<String> existing = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token FROM calendar_tokens WHERE kind=? AND subject_id=?")) {
                ps.setString(1, kind.wire());
                ps.setString(2, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return existing.orElseGet(() -> store(kind, subjectId, false));
    }

    /** A new token for the subject; the old URL stops working. */
    public String rotate(Kind kind, String subjectId) {
        requireSubject(kind, subjectId);
        return store(kind, subjectId, true);
    }

    private String store(Kind kind, String subjectId, boolean replace) {
        String token = newToken();
        db.write(c -> {
            if (replace) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM calendar_tokens WHERE kind=? AND subject_id=?")) {
                    ps.setString(1, kind.wire());
                    ps.setString(2, subjectId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO calendar_tokens(token, kind, subject_id, created_at) VALUES (?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, token);
                ps.setString(2, kind.wire());
                ps.setString(3, subjectId);
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
        return replace ? token : token(kind, subjectId); // a concurrent first use may have won
    }

    private void requireSubject(Kind kind, String id) {
        boolean exists = kind == Kind.PERSON ? town.person(id).isPresent() : town.station(id).isPresent();
        if (!exists) {
            throw new UnknownException(kind.wire(), id);
        }
    }

    /** The feed behind {@code token}, or empty if no subject has that token. */
    public Optional<String> feed(String token) {
        if (token == null || !token.matches("[a-z2-7]{26}")) {
            return Optional.empty();
        }
        Optional<String[]> subject = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, subject_id FROM calendar_tokens WHERE token=?")) {
                ps.setString(1, token);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.<String[]>empty();
                }
            }
        });
        return subject.flatMap(s -> s[0].equals("person") ? town.person(s[1]).map(this::personFeed)
                : town.station(s[1]).map(this::stationFeed));
    }

    private String personFeed(Person p) {
        return calendar(p.name() + " · 值班", shifts(s -> s.personIds().contains(p.id())));
    }

    private String stationFeed(Station st) {
        return calendar(st.name() + " · 值班表", shifts(s -> s.stationId().equals(st.id())));
    }

    private List<Shift> shifts(java.util.function.Predicate<Shift> which) {
        LocalDate today = town.today();
        List<Shift> out = new ArrayList<>();
        for (LocalDate d = today.minusDays(7); !d.isAfter(today.plusDays(56)); d = d.plusDays(1)) {
            town.shiftsOn(d).stream().filter(which).forEach(out::add);
        }
        return out;
    }

    private String calendar(String name, List<Shift> shifts) {
        ZoneId zone = town.zone();
        boolean fixed = zone.getRules().getTransitionRules().isEmpty();
        Instant now = clock.instant();
        IcsWriter w = new IcsWriter();
        w.line("BEGIN:VCALENDAR").line("VERSION:2.0").line("PRODID:-//GridStation//Roster//ZH").line("CALSCALE:GREGORIAN")
                .property("X-WR-CALNAME", name).line("X-WR-TIMEZONE:" + zone.getId());
        if (fixed) {
            ZoneOffset offset = zone.getRules().getOffset(now);
            String o = offset(offset);
            w.line("BEGIN:VTIMEZONE").line("TZID:" + zone.getId()).line("BEGIN:STANDARD").line("DTSTART:19700101T000000")
                    .line("TZOFFSETFROM:" + o).line("TZOFFSETTO:" + o).line("TZNAME:" + (offset.getTotalSeconds() == 8 * 3600 ? "CST" : o))
                    .line("END:STANDARD").line("END:VTIMEZONE");
        }
        for (Shift s : shifts) {
            String station = town.station(s.stationId()).map(Station::name).orElse(s.stationId());
            List<String> names = s.personIds().stream().map(id -> town.person(id).map(Person::name).orElse(id)).toList();
            w.line("BEGIN:VEVENT").line("UID:" + s.id() + "@gridstation").line("DTSTAMP:" + UTC.format(now));
            if (fixed) {
                w.line("DTSTART;TZID=" + zone.getId() + ":" + LOCAL.format(s.start().atZone(zone)))
                        .line("DTEND;TZID=" + zone.getId() + ":" + LOCAL.format(s.end().atZone(zone)));
            } else {
                w.line("DTSTART:" + UTC.format(s.start())).line("DTEND:" + UTC.format(s.end()));
            }
            w.property("SUMMARY", s.label() + " · " + station).property("LOCATION", station)
                    .property("DESCRIPTION", "应到 " + s.required() + " 人，已排 " + names.size() + " 人：" + String.join("、", names))
                    .line("STATUS:CONFIRMED").line("TRANSP:OPAQUE").line("END:VEVENT");
        }
        w.line("END:VCALENDAR");
        return w.toString();
    }

    private static String offset(ZoneOffset o) {
        int s = o.getTotalSeconds();
        return "%s%02d%02d".formatted(s < 0 ? "-" : "+", Math.abs(s) / 3600, Math.abs(s) / 60 % 60);
    }

    private String newToken() {
        char[] t = new char[26]; // 130 bits
        for (int i = 0; i < t.length; i++) {
            t[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(t);
    }

    /** Content lines with RFC 5545 escaping, folding at 75 octets and CRLF. */
    static final class IcsWriter {
        private final StringBuilder out = new StringBuilder();

        IcsWriter property(String name, String text) {
            String escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                    .replace("\n", "\\n");
            return line(name + ":" + escaped);
        }

        IcsWriter line(String line) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + n > 75) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += n;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
