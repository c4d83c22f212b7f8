package org.gridstation.gateway.town;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gridstation.protocol.Ids;

/**
 * A duty shift at a station.
 *
 * @param id the shift
 * @param stationId where
 * @param label what, e.g. 夜间值班
 * @param localDate the town-zone date the shift starts on
 * @param start when it starts (UTC instant)
 * @param end when it ends; after {@code start}
 * @param required how many volunteers it needs
 * @param personIds who is scheduled
 */
public record Shift(String id, String stationId, String label, LocalDate localDate, Instant start, Instant end,
        int required, List<String> personIds) {
    public Shift {
        Ids.require(id, "shiftId");
        Ids.require(stationId, "stationId");
        Town.requireName(label, "label");
        Ids.notNull(localDate, "date");
        Ids.notNull(start, "start");
        Ids.notNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
        if (required < 0 || required > 1000) {
            throw new IllegalArgumentException("required must be 0-1000");
        }
        personIds = List.copyOf(Ids.notNull(personIds, "personIds"));
        personIds.forEach(p -> Ids.require(p, "personIds[]"));
    }
}
