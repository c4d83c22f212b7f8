package org.gridstation.kiosk.badge;

import java.time.Instant;
import java.util.Optional;

/**
 * A volunteer on duty at this station now, as this kiosk recorded it.
 *
 * @param personId who
 * @param badgeId the badge they checked in with
 * @param name their name as printed on the badge (shown on the page, never logged)
 * @param shiftId the roster shift they fill, if scheduled
 * @param scheduled whether they were on tonight's roster
 * @param since when they checked in (kiosk clock)
 */
public record OnDuty(String personId, String badgeId, String name, Optional<String> shiftId, boolean scheduled,
        Instant since) {
}
