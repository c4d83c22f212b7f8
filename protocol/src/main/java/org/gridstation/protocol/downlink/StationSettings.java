package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/stations/{id}/settings}: the settings the town pushes to a station
 * (fleet configuration), versioned. The kiosk applies a version only if every setting in it is
 * valid, keeps the version it replaced, and reports the version in force (and a refusal) in its
 * heartbeat. A rollback is a new version with an older version's content.
 *
 * @param schema contract version
 * @param stationId the station
 * @param version increases with every change, per station
 * @param settings the settings, by key (see {@link #KNOWN}); keys left out keep the kiosk's own configuration
 * @param issuedAt gateway clock when this version was made
 */
public record StationSettings(int schema, String stationId, long version, Map<String, String> settings,
        Instant issuedAt) {

    /** Every setting a station understands, with what a valid value is. */
    public static final Map<String, Setting> KNOWN;

    static {
        Map<String, Setting> m = new LinkedHashMap<>();
        m.put("speech.enabled", new Setting("true or false", v -> v.equals("true") || v.equals("false")));
        m.put("screen.dim.seconds", Setting.range(15, 3600));
        m.put("heartbeat.seconds", Setting.range(10, 600));
        m.put("resend.seconds", Setting.range(5, 600));
        m.put("language.default", new Setting("zh or en", v -> v.equals("zh") || v.equals("en")));
        KNOWN = Collections.unmodifiableMap(m);
    }

    /** What a valid value of one setting is. */
    public record Setting(String rule, Predicate<String> valid) {
        static Setting range(int min, int max) {
            return new Setting("a whole number from " + min + " to " + max, v -> {
                try {
                    int n = Integer.parseInt(v);
                    return n >= min && n <= max;
                } catch (NumberFormatException e) {
                    return false;
                }
            });
        }
    }

    public StationSettings {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(Ids.notNull(settings, "settings")));
        Ids.notNull(issuedAt, "issuedAt");
    }

    /** Why these settings cannot be applied, or empty if every key is known and every value valid. */
    public static Optional<String> problem(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Setting s = KNOWN.get(e.getKey());
            if (s == null) {
                return Optional.of("unknown setting " + e.getKey());
            }
            if (e.getValue() == null || !s.valid().test(e.getValue())) {
                return Optional.of(e.getKey() + " must be " + s.rule());
            }
        }
        return Optional.empty();
    }

    /** Why this version cannot be applied, or empty. */
    public Optional<String> problem() {
        return problem(settings);
    }
}
