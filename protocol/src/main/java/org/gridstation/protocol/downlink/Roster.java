package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/stations/{id}/roster}: the station's duty shifts for one local date
 * (the night duty), so the kiosk can tell a scheduled volunteer from an extra without a network.
 *
 * @param schema contract version
 * @param stationId the station
 * @param date the local date in the town's time zone
 * @param shifts the shifts that start on that date
 * @param issuedAt gateway clock when published
 */
public record Roster(int schema, String stationId, LocalDate date, List<Shift> shifts, Instant issuedAt) {
    public Roster {
        Schema.require(schema);
        Ids.require(stationId, "stationId");
        Ids.notNull(date, "date");
        shifts = List.copyOf(Ids.notNull(shifts, "shifts"));
        Ids.notNull(issuedAt, "issuedAt");
    }

    /**
     * One shift.
     *
     * @param shiftId the shift
     * @param label what it is, e.g. 夜间值班
     * @param start when it starts, with the town's offset
     * @param end when it ends
     * @param required how many volunteers it needs
     * @param volunteers who is scheduled
     */
    public record Shift(
            String shiftId, String label, OffsetDateTime start, OffsetDateTime end, int required,
            List<Volunteer> volunteers) {
        public Shift {
            Ids.require(shiftId, "shiftId");
            Ids.notNull(label, "label");
            Ids.notNull(start, "start");
            Ids.notNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("shift end must be after its start");
            }
            if (required < 0) {
                throw new IllegalArgumentException("required must not be negative");
            }
            volunteers = List.copyOf(Ids.notNull(volunteers, "volunteers"));
        }
    }

    /**
     * A scheduled volunteer.
     *
     * @param personId the person
     * @param name their name, for the wall
     * @param role their grid role
     */
    public record Volunteer(String personId, String name, Role role) {
        public Volunteer {
            Ids.require(personId, "personId");
            Ids.notNull(name, "name");
            Ids.notNull(role, "role");
        }
    }
}
