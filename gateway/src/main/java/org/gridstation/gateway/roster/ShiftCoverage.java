package org.gridstation.gateway.roster;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One shift's coverage.
 *
 * @param shiftId the shift
 * @param stationId where
 * @param stationName the station's name
 * @param grid the station's grid
 * @param label what shift
 * @param start when it starts (town offset)
 * @param end when it ends
 * @param required how many it needs
 * @param scheduled who is on the roster
 * @param present who checked in there during the window
 * @param gap how many more are needed ({@code required} minus present, at least 0)
 */
public record ShiftCoverage(String shiftId, String stationId, String stationName, String grid, String label,
        OffsetDateTime start, OffsetDateTime end, int required, List<Scheduled> scheduled, List<Present> present, int gap) {

    /** A scheduled volunteer. */
    public record Scheduled(String personId, String name, String role, String roleLabel) {
    }

    /** Someone who was there. */
    public record Present(String personId, String name, boolean scheduled, Instant checkedInAt,
            Optional<Instant> checkedOutAt) {
    }
}
