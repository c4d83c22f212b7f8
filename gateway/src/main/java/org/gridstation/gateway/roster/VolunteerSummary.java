package org.gridstation.gateway.roster;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gridstation.gateway.points.LedgerEntry;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;

/**
 * What a volunteer sees about themselves: upcoming shifts, hours on duty this month, points, and
 * the flags on their recent shifts.
 *
 * @param personId who
 * @param name their name
 * @param role their role label
 * @param month the current month, {@code YYYY-MM}
 * @param hoursThisMonth hours on duty this month (sessions that began this month, one decimal)
 * @param pointsThisMonth points booked for this month
 * @param balance points in total
 * @param upcoming their shifts from the given date
 * @param flags their latest attendance flags
 * @param recentPoints their latest ledger entries
 */
public record VolunteerSummary(String personId, String name, String role, String month, BigDecimal hoursThisMonth,
        BigDecimal pointsThisMonth, BigDecimal balance, List<Upcoming> upcoming, List<FlagView> flags,
        List<LedgerEntry> recentPoints) {

    /** One upcoming shift. */
    public record Upcoming(String shiftId, String stationId, String stationName, String label, OffsetDateTime start,
            OffsetDateTime end, int required, int scheduled) {
    }

    /** One flag. */
    public record FlagView(String shiftId, String stationId, String kind, String kindLabel, Instant at) {
    }

    public static VolunteerSummary of(Person p, LocalDate from, int days, Town town, RosterFeature roster, String lang) {
        ZoneId zone = town.zone();
        List<Upcoming> upcoming = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            for (Shift s : town.shiftsOn(from.plusDays(i))) {
                if (s.personIds().contains(p.id())) {
                    String station = town.station(s.stationId()).map(Station::name).orElse(s.stationId());
                    upcoming.add(new Upcoming(s.id(), s.stationId(), station, s.label(), s.start().atZone(zone).toOffsetDateTime(),
                            s.end().atZone(zone).toOffsetDateTime(), s.required(), s.personIds().size()));
                }
            }
        }
        YearMonth month = YearMonth.from(town.today());
        Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        long millis = roster.store().db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT in_at, out_at FROM duty_sessions WHERE person_id=? AND in_at >= ? AND in_at < ? AND out_at IS NOT NULL")) {
                ps.setString(1, p.id());
                ps.setLong(2, monthStart.toEpochMilli());
                ps.setLong(3, monthEnd.toEpochMilli());
                long sum = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sum += Math.max(0, rs.getLong(2) - rs.getLong(1));
                    }
                }
                return sum;
            }
        });
        BigDecimal hours = BigDecimal.valueOf(Duration.ofMillis(millis).toMinutes()).divide(BigDecimal.valueOf(60), 1,
                java.math.RoundingMode.HALF_UP);
        BigDecimal monthPoints = roster.points().month(month).stream().filter(e -> e.personId().equals(p.id()))
                .map(LedgerEntry::points).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        List<FlagView> flags = roster.flags().ofPerson(p.id(), 20).stream()
                .map(f -> new FlagView(f.shiftId(), f.stationId(), f.kind().wire(), f.kind().label(lang), f.at())).toList();
        return new VolunteerSummary(p.id(), p.name(), p.role().label(lang), month.toString(), hours, monthPoints,
                roster.points().balance(p.id()), upcoming, flags, roster.points().entries(p.id(), 20));
    }
}
