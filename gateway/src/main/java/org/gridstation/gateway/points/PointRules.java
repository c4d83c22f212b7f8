package org.gridstation.gateway.points;

import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;
import org.gridstation.protocol.Ids;

/**
 * How points are earned and lost (积分规则). Duty earns {@code perDutyHour} per hour on duty within
 * the shift, hours between {@code nightStart} and {@code nightEnd} counting {@code nightMultiplier}
 * times; a scheduled volunteer who never came loses {@code noShow} (反向扣分, negative). Every other
 * rule is a fixed amount by name in {@code awards} (e.g. {@code incident-handled},
 * {@code good-feedback}), awarded with {@link Points#award}.
 *
 * @param perDutyHour points per hour on duty
 * @param nightMultiplier factor for night hours (1 = no bonus)
 * @param nightStart when night hours begin (town zone)
 * @param nightEnd when they end, the next morning if not after {@code nightStart}
 * @param noShow points for a no-show, zero or negative
 * @param awards fixed-amount rules by name
 */
public record PointRules(double perDutyHour, double nightMultiplier, LocalTime nightStart, LocalTime nightEnd, double noShow,
        Map<String, Double> awards) {
    /** Rule name of duty hours. */
    public static final String DUTY = "duty";
    /** Rule name of a no-show. */
    public static final String NO_SHOW = "no-show";

    public PointRules {
        if (!(perDutyHour >= 0 && perDutyHour <= 1000)) {
            throw new IllegalArgumentException("perDutyHour must be 0-1000");
        }
        if (!(nightMultiplier >= 1 && nightMultiplier <= 10)) {
            throw new IllegalArgumentException("nightMultiplier must be 1-10");
        }
        Ids.notNull(nightStart, "nightStart");
        Ids.notNull(nightEnd, "nightEnd");
        if (!(noShow <= 0 && noShow >= -1000)) {
            throw new IllegalArgumentException("noShow must be 0 or negative, at least -1000");
        }
        awards = new TreeMap<>(awards == null ? Map.of() : awards);
        awards.forEach((name, amount) -> {
            Ids.require(name, "awards name");
            if (name.equals(DUTY) || name.equals(NO_SHOW)) {
                throw new IllegalArgumentException("'" + name + "' is a built-in rule");
            }
            if (amount == null || !(Math.abs(amount) <= 1000)) {
                throw new IllegalArgumentException("award '" + name + "' must be -1000 to 1000");
            }
        });
        awards = java.util.Collections.unmodifiableMap(awards);
    }

    /** 10 points an hour, night hours 22:00–06:00 count 1.5 times, a no-show costs 20. */
    public static PointRules defaults() {
        return new PointRules(10, 1.5, LocalTime.of(22, 0), LocalTime.of(6, 0), -20,
                Map.of("incident-handled", 5.0, "good-feedback", 3.0));
    }
}
