package org.gridstation.gateway.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The ingest's thread-safe counters. */
final class IngestCounters {
    final LongAdder accepted = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder unknownStations = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder acks = new LongAdder();
    final LongAdder projected = new LongAdder();
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> byStation = new ConcurrentHashMap<>();

    void reject(RejectReason reason, String stationId) {
        byReason.computeIfAbsent(reason.wire(), k -> new LongAdder()).increment();
        if (stationId != null) {
            byStation.computeIfAbsent(stationId, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(reason.wire(), k -> new LongAdder()).increment();
        }
    }

    IngestStats snapshot(long pending, long unprojected) {
        Map<String, Long> reasons = new TreeMap<>();
        byReason.forEach((k, v) -> reasons.put(k, v.sum()));
        Map<String, Map<String, Long>> stations = new TreeMap<>();
        byStation.forEach((s, m) -> {
            Map<String, Long> r = new TreeMap<>();
            m.forEach((k, v) -> r.put(k, v.sum()));
            stations.put(s, Map.copyOf(r));
        });
        long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new IngestStats(accepted.sum(), duplicates.sum(), rejected, reasons, stations, unknownStations.sum(),
                batches.sum(), acks.sum(), pending, projected.sum(), unprojected);
    }
}
