package org.gridstation.gateway.roster;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.gridstation.protocol.Ids;

/**
 * A team taking turns on a template's shifts (轮流坐班): turn {@code i} is on duty for
 * {@code turnDays} calendar days, then turn {@code i+1}; after the last turn the cycle starts
 * again. The cycle is {@code turns.size() × turnDays} days long: seven one-day turns from a Monday
 * make a weekly cycle, two seven-day turns a fortnightly one. Counting is in calendar days of the
 * town zone, so month and year ends change nothing.
 *
 * @param templateId the template it fills
 * @param anchor the first day of turn 0
 * @param turnDays how many days each turn lasts (1–366)
 * @param turns who is on duty in each turn (a turn may be several people)
 */
public record Rotation(String templateId, LocalDate anchor, int turnDays, List<List<String>> turns) {
    public Rotation {
        Ids.require(templateId, "templateId");
        Ids.notNull(anchor, "anchor");
        if (turnDays < 1 || turnDays > 366) {
            throw new IllegalArgumentException("turnDays must be 1-366");
        }
        Ids.notNull(turns, "turns");
        if (turns.isEmpty() || turns.size() > 366) {
            throw new IllegalArgumentException("turns must have 1-366 entries");
        }
        turns = turns.stream().map(t -> {
            List<String> team = List.copyOf(Ids.notNull(t, "turns[]"));
            team.forEach(p -> Ids.require(p, "turns[][]"));
            if (team.stream().distinct().count() != team.size()) {
                throw new IllegalArgumentException("a turn lists someone twice");
            }
            return team;
        }).toList();
    }

    /** The index of the turn on duty on {@code date} (dates before the anchor count backwards). */
    public int turnOn(LocalDate date) {
        long days = ChronoUnit.DAYS.between(anchor, date);
        return (int) Math.floorMod(Math.floorDiv(days, turnDays), (long) turns.size());
    }

    /** Who is on duty on {@code date}. */
    public List<String> teamOn(LocalDate date) {
        return turns.get(turnOn(date));
    }
}
