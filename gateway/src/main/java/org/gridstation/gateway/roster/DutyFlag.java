package org.gridstation.gateway.roster;

import java.time.Instant;
import java.util.Locale;
import org.gridstation.protocol.Labelled;

/**
 * A mark on one person's attendance of one shift.
 *
 * @param shiftId the shift
 * @param personId who
 * @param stationId where
 * @param kind what
 * @param at when it happened (the check-in for early and late, the shift's end for a no-show,
 *     the automatic badge-out for a forgotten one)
 */
public record DutyFlag(String shiftId, String personId, String stationId, Kind kind, Instant at) {

    /** What was noticed. */
    public enum Kind implements Labelled {
        /** Checked in before the check-in window opened (still counted). */
        EARLY("提前签到", "Early check-in"),
        /** First checked in after start plus grace. */
        LATE("迟到", "Late"),
        /** Scheduled, never came. */
        NO_SHOW("缺勤", "No-show"),
        /** Never badged out; closed by the gateway at the end plus one hour. */
        FORGOT_CHECKOUT("未签退", "Forgot to badge out");

        private final String zh;
        private final String en;

        Kind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }
}
