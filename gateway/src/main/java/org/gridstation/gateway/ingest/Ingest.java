package org.gridstation.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.ThrottledLog;
import org.gridstation.gateway.mqtt.MessageListener;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.station.Heartbeat;
import org.gridstation.protocol.station.StationStatus;
import org.slf4j.LoggerFactory;

/**
 * Routes uplink messages by topic and validates them. Events go to the {@link EventWriter};
 * status and heartbeat messages update the {@link StationMonitor}. A rejected message is counted
 * and logged by topic and reason (never its content, and at most a few lines a minute per reason,
 * see {@link ThrottledLog}) and changes nothing.
 */
public final class Ingest implements MessageListener, AutoCloseable {

    private final StationMonitor monitor;
    private final Clock clock;
    private final IngestCounters counters = new IngestCounters();
    private final EventWriter writer;
    private final ThrottledLog rejectLog;

    public Ingest(Database db, Publisher publisher, StationMonitor monitor, List<Projection> projections, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
        this.writer = new EventWriter(db, publisher, projections, counters, clock);
        this.rejectLog = new ThrottledLog(LoggerFactory.getLogger(Ingest.class), clock);
    }

    /** Starts the writer thread. */
    public void start() {
        writer.start();
    }

    @Override
    public void onMessage(String topic, byte[] payload, boolean retained) {
        Instant now = clock.instant();
        Optional<Topics.Address> address = Topics.parse(topic);
        if (address.isEmpty() || !address.get().kind().uplink()) {
            reject(RejectReason.UNKNOWN_TOPIC, topic, null, "");
            return;
        }
        String stationId = address.get().stationId();
        if (payload.length > Json.MAX_PAYLOAD_BYTES) {
            reject(RejectReason.OVERSIZED, topic, stationId, payload.length + " bytes");
            return;
        }
        try {
            switch (address.get().kind()) {
                case EVENTS -> {
                    Event e = Json.read(payload, Event.class);
                    if (addressed(e.stationId(), stationId, topic)) {
                        monitor.seen(stationId, now);
                        writer.submit(new Received(e, now));
                    }
                }
                case STATUS -> {
                    StationStatus s = Json.read(payload, StationStatus.class);
                    if (addressed(s.stationId(), stationId, topic)) {
                        monitor.status(s, now, retained);
                    }
                }
                case HEARTBEAT -> {
                    Heartbeat h = Json.read(payload, Heartbeat.class);
                    if (addressed(h.stationId(), stationId, topic)) {
                        monitor.heartbeat(h, now);
                    }
                }
                default -> reject(RejectReason.UNKNOWN_TOPIC, topic, stationId, "");
            }
        } catch (MalformedMessageException e) {
            reject(badSchema(payload) ? RejectReason.BAD_SCHEMA : RejectReason.MALFORMED, topic, stationId,
                    payload.length + " bytes");
        }
    }

    private boolean addressed(String payloadStation, String topicStation, String topic) {
        if (payloadStation.equals(topicStation)) {
            return true;
        }
        reject(RejectReason.MIS_ADDRESSED, topic, topicStation, "");
        return false;
    }

    private static boolean badSchema(byte[] payload) {
        try {
            JsonNode schema = Json.mapper().readTree(payload).get("schema");
            return schema != null && schema.canConvertToInt() && schema.asInt() != Schema.VERSION;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private void reject(RejectReason reason, String topic, String stationId, String detail) {
        counters.reject(reason, stationId);
        rejectLog.warn("messages rejected as " + reason.wire(), "rejected message on {}: {} {}", safeTopic(topic),
                reason.wire(), detail);
    }

    private static String safeTopic(String topic) {
        return topic.length() > 200 ? topic.substring(0, 200) + "…" : topic;
    }

    /** The counters now. */
    public IngestStats stats() {
        return counters.snapshot(writer.pending(), writer.unprojected());
    }

    /** Stops accepting, commits and acknowledges everything received; idempotent. */
    @Override
    public void close() {
        writer.close();
    }
}
