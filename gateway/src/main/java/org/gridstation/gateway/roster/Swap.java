package org.gridstation.gateway.roster;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A shift swap (换班): {@code fromPerson} offers their place on {@code shiftId}; {@code toPerson}
 * takes it (and, in an exchange, gives {@code fromPerson} their place on {@code returnShiftId});
 * the grid leader approves. The roster changes only on approval.
 *
 * @param id the swap
 * @param shiftId the shift offered
 * @param fromPerson who offers it
 * @param toPerson who took it, once taken
 * @param returnShiftId the taker's shift given in exchange, if it is an exchange
 * @param status where it stands
 * @param note a note from the offerer
 * @param offeredAt when it was offered
 * @param takenAt when it was taken
 * @param decidedAt when the leader approved or rejected it (or it was cancelled)
 * @param decidedBy who approved or rejected it
 */
public record Swap(String id, String shiftId, String fromPerson, Optional<String> toPerson, Optional<String> returnShiftId,
        Status status, Optional<String> note, Instant offeredAt, Optional<Instant> takenAt, Optional<Instant> decidedAt,
        Optional<String> decidedBy) {

    /** Where a swap stands. */
    public enum Status {
        OFFERED, TAKEN, APPROVED, REJECTED, CANCELLED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Status of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }

        /** True while the swap may still change. */
        public boolean open() {
            return this == OFFERED || this == TAKEN;
        }
    }
}
