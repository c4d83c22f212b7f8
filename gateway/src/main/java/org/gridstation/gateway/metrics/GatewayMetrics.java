package org.gridstation.gateway.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.function.Supplier;
import org.gridstation.gateway.ingest.IngestStats;
import org.gridstation.gateway.station.StationMonitor;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;

/**
 * The gateway's figures for a Prometheus scraper, read when scraped (callbacks): the ingest's
 * counters, the broker's refusals, stations online and their health, open incidents by ladder level and severity,
 * missed deadlines, webhook deliveries by state. Labels are station ids, reasons and levels —
 * never a villager's data.
 */
public final class GatewayMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param mqttRefused what the embedded broker refused: station → reason → count
     */
    public GatewayMetrics(Database db, Town town, StationMonitor monitor, Supplier<IngestStats> ingest,
            Supplier<Map<String, Map<String, Long>>> mqttRefused, String version) {
        CounterWithCallback.builder().name("gridstation_events_stored").help("Events stored for the first time")
                .callback(cb -> cb.call(ingest.get().accepted())).register(registry);
        CounterWithCallback.builder().name("gridstation_events_duplicate").help("Events received again and acknowledged again")
                .callback(cb -> cb.call(ingest.get().duplicates())).register(registry);
        CounterWithCallback.builder().name("gridstation_messages_rejected")
                .help("Messages rejected, by station (from the topic) and reason").labelNames("station", "reason")
                .callback(cb -> ingest.get().rejectedByStation().forEach((station, reasons) ->
                        reasons.forEach((reason, n) -> cb.call(n, station, reason)))).register(registry);
        CounterWithCallback.builder().name("gridstation_mqtt_refused")
                .help("Connections and packets the embedded broker refused, by station (empty if the client named none) and reason")
                .labelNames("station", "reason")
                .callback(cb -> mqttRefused.get().forEach((station, reasons) ->
                        reasons.forEach((reason, n) -> cb.call(n, station, reason)))).register(registry);
        GaugeWithCallback.builder().name("gridstation_ingest_pending").help("Events received, not yet stored")
                .callback(cb -> cb.call(ingest.get().pending())).register(registry);
        GaugeWithCallback.builder().name("gridstation_ingest_unprojected")
                .help("Events stored and acknowledged whose duty sessions, incidents and notices are not yet applied")
                .callback(cb -> cb.call(ingest.get().unprojected())).register(registry);
        GaugeWithCallback.builder().name("gridstation_station_online").help("1 if the station is online")
                .labelNames("station").callback(cb -> town.stations().forEach(s ->
                        cb.call(monitor.state(s.id()).online() ? 1 : 0, s.id()))).register(registry);
        GaugeWithCallback.builder().name("gridstation_station_outbox_backlog")
                .help("Events at the station not yet acknowledged, from its last heartbeat").labelNames("station")
                .callback(cb -> town.stations().forEach(s -> monitor.state(s.id()).health()
                        .ifPresent(h -> cb.call(h.outboxBacklog(), s.id())))).register(registry);
        GaugeWithCallback.builder().name("gridstation_station_clock_offset_seconds")
                .help("Station clock minus gateway clock at its last heartbeat").labelNames("station")
                .callback(cb -> town.stations().forEach(s -> monitor.state(s.id()).health()
                        .ifPresent(h -> cb.call(h.clockOffsetMs() / 1000.0, s.id())))).register(registry);
        GaugeWithCallback.builder().name("gridstation_station_disk_free_bytes")
                .help("Free bytes on the station's data partition").labelNames("station")
                .callback(cb -> town.stations().forEach(s -> monitor.state(s.id()).health()
                        .ifPresent(h -> cb.call(h.diskFreeBytes(), s.id())))).register(registry);
        GaugeWithCallback.builder().name("gridstation_incidents_open")
                .help("Open incidents by ladder level and severity").labelNames("level", "severity")
                .callback(cb -> counts(db, """
                        SELECT level || '|' || severity, COUNT(*) FROM incidents
                        WHERE status NOT IN ('resolved','closed') GROUP BY level, severity""")
                        .forEach((k, n) -> cb.call(n, k.split("\\|")[0], k.split("\\|")[1]))).register(registry);
        CounterWithCallback.builder().name("gridstation_deadlines_missed")
                .help("Incident deadlines that passed unmet, by stage").labelNames("stage")
                .callback(cb -> counts(db, "SELECT stage, COUNT(*) FROM incident_timers WHERE fired_at IS NOT NULL GROUP BY stage")
                        .forEach((k, n) -> cb.call(n, k))).register(registry);
        GaugeWithCallback.builder().name("gridstation_webhook_deliveries").help("Webhook deliveries by state")
                .labelNames("state").callback(cb -> counts(db, "SELECT state, COUNT(*) FROM deliveries GROUP BY state")
                        .forEach((k, n) -> cb.call(n, k))).register(registry);
        GaugeWithCallback.builder().name("gridstation_build_info").help("The gateway's version").labelNames("version")
                .callback(cb -> cb.call(1, version)).register(registry);
    }

    private static Map<String, Long> counts(Database db, String sql) {
        return db.read(c -> {
            Map<String, Long> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Every metric, in the Prometheus text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
