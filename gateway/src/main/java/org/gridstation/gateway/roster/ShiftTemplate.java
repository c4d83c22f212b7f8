package org.gridstation.gateway.roster;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.gridstation.protocol.Ids;

/**
 * A recurring shift at a station, e.g. the nightly duty 19:00–21:30 or a sub-grid leader's
 * Thursday reception day (接待日).
 *
 * @param id the template
 * @param stationId where
 * @param label what, e.g. 夜间值班 or 接待日
 * @param start start time (town zone)
 * @param end end time; not after {@code start} means it ends the next day (a night shift)
 * @param required how many volunteers it needs
 * @param weekdays the days it runs on; empty means every day
 * @param validFrom the first date it runs
 * @param validUntil the last date it runs, if it ends
 */
public record ShiftTemplate(String id, String stationId, String label, LocalTime start, LocalTime end, int required,
        Set<DayOfWeek> weekdays, LocalDate validFrom, Optional<LocalDate> validUntil) {
    public ShiftTemplate {
        Ids.require(id, "templateId");
        if (id.length() > 40) {
            throw new IllegalArgumentException("templateId must be at most 40 characters");
        }
        Ids.require(stationId, "stationId");
        if (label == null || label.isBlank() || label.length() > 40) {
            throw new IllegalArgumentException("label is required, at most 40 characters");
        }
        Ids.notNull(start, "start");
        Ids.notNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("start and end must differ");
        }
        if (required < 0 || required > 1000) {
            throw new IllegalArgumentException("required must be 0-1000");
        }
        weekdays = weekdays == null || weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
        Ids.notNull(validFrom, "validFrom");
        validUntil = validUntil == null ? Optional.empty() : validUntil;
        validUntil.ifPresent(u -> {
            if (u.isBefore(validFrom)) {
                throw new IllegalArgumentException("validUntil must not be before validFrom");
            }
        });
    }

    /** True if the template has a shift starting on {@code date}. */
    public boolean runsOn(LocalDate date) {
        return !date.isBefore(validFrom) && validUntil.map(u -> !date.isAfter(u)).orElse(true)
                && (weekdays.isEmpty() || weekdays.contains(date.getDayOfWeek()));
    }

    /** The id of the shift this template generates on {@code date}: {@code {id}-{yyyymmdd}}. */
    public String shiftId(LocalDate date) {
        return id + "-" + date.toString().replace("-", "");
    }

    /** True if the shift crosses midnight. */
    public boolean overnight() {
        return !end.isAfter(start);
    }
}
