package org.gridstation.gateway.ingest;

import java.util.Map;

/**
 * A snapshot of the ingest's counters since start.
 *
 * @param accepted events stored for the first time
 * @param duplicates events that were already stored (acknowledged again, not stored twice)
 * @param rejected messages rejected, all reasons
 * @param rejectedByReason rejected messages by {@link RejectReason#wire()}
 * @param rejectedByStation rejected messages by the topic's station, then by reason
 * @param fromUnknownStations accepted events whose station the town does not know
 * @param batches store transactions committed
 * @param acksPublished acknowledgement messages handed to the broker
 * @param pending events received but not yet stored
 * @param projected stored events whose projections (duty sessions, incidents …) this instance has applied
 * @param unprojected stored (and acknowledged) events whose projections have not yet run, as far as
 *     this instance knows: in a county's reconnect the incidents and duty sessions follow the acks
 */
public record IngestStats(
        long accepted,
        long duplicates,
        long rejected,
        Map<String, Long> rejectedByReason,
        Map<String, Map<String, Long>> rejectedByStation,
        long fromUnknownStations,
        long batches,
        long acksPublished,
        long pending,
        long projected,
        long unprojected) {

    public IngestStats {
        rejectedByReason = Map.copyOf(rejectedByReason);
        rejectedByStation = Map.copyOf(rejectedByStation);
    }

    /** Rejections for one reason. */
    public long rejected(RejectReason reason) {
        return rejectedByReason.getOrDefault(reason.wire(), 0L);
    }
}
