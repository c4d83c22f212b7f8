package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/town/on-duty}: who is on duty at which station, as the gateway knows it,
 * so a kiosk can refuse a badge that is already checked in at another station. A kiosk uses it
 * only while it is connected: an old list (a kiosk that was offline) must not lock a volunteer
 * out.
 *
 * @param schema contract version
 * @param entries one per person on duty
 * @param issuedAt gateway clock when published
 */
public record OnDutyList(int schema, List<Entry> entries, Instant issuedAt) {
    public OnDutyList {
        Schema.require(schema);
        entries = List.copyOf(Ids.notNull(entries, "entries"));
        Ids.notNull(issuedAt, "issuedAt");
    }

    /**
     * One person on duty.
     *
     * @param personId who
     * @param stationId where
     * @param since when the check-in reached the gateway
     */
    public record Entry(String personId, String stationId, Instant since) {
        public Entry {
            Ids.require(personId, "personId");
            Ids.require(stationId, "stationId");
            Ids.notNull(since, "since");
        }
    }

    /** The station where {@code personId} is on duty, if any. */
    public Optional<String> stationOf(String personId) {
        return entries.stream().filter(e -> e.personId().equals(personId)).map(Entry::stationId).findFirst();
    }
}
