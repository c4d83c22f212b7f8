package org.gridstation.gateway.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.gridstation.gateway.calendar.CalendarFeeds;
import org.gridstation.gateway.town.Shift;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feeds parsed by ical4j, an independent RFC 5545 parser. */
class CalendarFeedsTest {
    @TempDir
    Path dir;

    @Test
    void personAndStationFeeds_parseAndValidate_withShanghaiTimesAndANightPastMidnight() throws Exception {
        try (PlanFixture f = new PlanFixture(dir, "2028-02-27T10:00")) {
            f.planner.putTemplate(new ShiftTemplate("late", "s1", "夜班, 巡逻; 值守", LocalTime.of(22, 0), LocalTime.of(6, 0), 1,
                    Set.of(), LocalDate.parse("2028-02-27"), Optional.empty()));
            f.planner.putRotation(new Rotation("late", LocalDate.parse("2028-02-27"), 1, List.of(List.of("a"))));
            f.planner.putTemplate(new ShiftTemplate("eve", "s1", "夜间值班", LocalTime.of(19, 0), LocalTime.of(21, 30), 5,
                    Set.of(), LocalDate.parse("2028-02-27"), Optional.empty()));
            f.planner.putRotation(new Rotation("eve", LocalDate.parse("2028-02-27"), 1, List.of(List.of("a", "b", "c", "d", "e"))));
            f.planner.generate(LocalDate.parse("2028-02-27"), LocalDate.parse("2028-03-01"));
            CalendarFeeds feeds = new CalendarFeeds(f.db, f.town, f.clock);

            String token = feeds.token(CalendarFeeds.Kind.PERSON, "a");
            assertEquals(26, token.length());
            assertEquals(token, feeds.token(CalendarFeeds.Kind.PERSON, "a"), "stable until rotated");
            String ics = feeds.feed(token).orElseThrow();
            assertTrue(ics.contains("\r\n"), "CRLF line ends");
            assertTrue(ics.lines().allMatch(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75), "folded");

            Calendar cal = new CalendarBuilder().build(new StringReader(ics));
            assertFalse(cal.validate().hasErrors(), cal.validate().toString());
            List<VTimeZone> zones = cal.getComponents(Component.VTIMEZONE);
            assertEquals("Asia/Shanghai", zones.get(0).getProperty(Property.TZID).orElseThrow().getValue());
            List<VEvent> events = cal.getComponents(Component.VEVENT);
            assertEquals(8, events.size(), "4 nights and 4 evenings, 27 February to 1 March");

            VEvent leap = events.stream().filter(e -> uid(e).equals("late-20280228@gridstation")).findFirst().orElseThrow();
            Shift shift = f.town.shift("late-20280228").orElseThrow();
            Temporal start = leap.getStartDate().orElseThrow().getDate();
            Temporal end = leap.getEndDate().orElseThrow().getDate();
            assertEquals(shift.start(), ((ZonedDateTime) start).toInstant());
            assertEquals(shift.end(), ((ZonedDateTime) end).toInstant());
            assertEquals("2028-02-29T06:00", ((ZonedDateTime) end).withZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                    .toLocalDateTime().toString());
            assertEquals("夜班, 巡逻; 值守 · 和兴村党群服务站", leap.getProperty(Property.SUMMARY).orElseThrow().getValue());
            VEvent eve = events.stream().filter(e -> uid(e).equals("eve-20280229@gridstation")).findFirst().orElseThrow();
            assertEquals("应到 5 人，已排 5 人：志愿者a、志愿者b、志愿者c、志愿者d、志愿者e",
                    eve.getProperty(Property.DESCRIPTION).orElseThrow().getValue());

            String station = feeds.feed(feeds.token(CalendarFeeds.Kind.STATION, "s1")).orElseThrow();
            assertEquals(8, new CalendarBuilder().build(new StringReader(station)).getComponents(Component.VEVENT).size());
            String b = feeds.feed(feeds.token(CalendarFeeds.Kind.PERSON, "b")).orElseThrow();
            assertEquals(4, new CalendarBuilder().build(new StringReader(b)).getComponents(Component.VEVENT).size());

            String rotated = feeds.rotate(CalendarFeeds.Kind.PERSON, "a");
            assertNotEquals(token, rotated);
            assertTrue(feeds.feed(token).isEmpty(), "the old address stops working");
            assertTrue(feeds.feed(rotated).isPresent());
            assertTrue(feeds.feed("../../etc/passwd").isEmpty());
        }
    }

    private static String uid(VEvent e) {
        return e.getProperty(Property.UID).map(p -> p.getValue()).orElse("");
    }
}
