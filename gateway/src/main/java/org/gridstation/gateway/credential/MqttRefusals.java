package org.gridstation.gateway.credential;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the broker refused since start, counted per station (the client id's station; {@code ""}
 * for a client that names none) and reason. Read by the metrics and the ingest page.
 */
public final class MqttRefusals {
    /** Why the broker refused a client or a packet. */
    public enum Reason {
        BAD_PASSWORD("bad-password"),
        REVOKED("revoked"),
        NO_CREDENTIAL("no-credential"),
        NOT_A_STATION("not-a-station"),
        PUBLISH_DENIED("publish-denied"),
        SUBSCRIBE_DENIED("subscribe-denied");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final Map<String, Map<Reason, LongAdder>> counts = new ConcurrentHashMap<>();

    public void record(String station, Reason reason) {
        counts.computeIfAbsent(station == null ? "" : station, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Station → reason → count, sorted. */
    public Map<String, Map<String, Long>> byStation() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((station, reasons) -> {
            Map<String, Long> r = new TreeMap<>();
            reasons.forEach((reason, n) -> r.put(reason.wire(), n.sum()));
            out.put(station, r);
        });
        return out;
    }

    /** The count for one station and reason. */
    public long count(String station, Reason reason) {
        Map<Reason, LongAdder> r = counts.get(station);
        LongAdder n = r == null ? null : r.get(reason);
        return n == null ? 0 : n.sum();
    }
}
