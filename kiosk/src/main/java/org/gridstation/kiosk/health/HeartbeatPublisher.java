package org.gridstation.kiosk.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridstation.kiosk.mqtt.Uplink;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a {@link org.gridstation.protocol.station.Heartbeat} at QoS 0 every interval while connected, and once on each connect. */
public final class HeartbeatPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final HealthProbe probe;
    private final Uplink uplink;
    private final String topic;
    private final java.util.function.Supplier<Duration> interval;
    private java.util.concurrent.ScheduledFuture<?> next;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiosk-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public HeartbeatPublisher(HealthProbe probe, Uplink uplink, String stationId, Duration interval) {
        this(probe, uplink, stationId, () -> interval);
    }

    /** A publisher whose interval follows {@code interval} (the station's setting, which the town may change). */
    public HeartbeatPublisher(HealthProbe probe, Uplink uplink, String stationId,
            java.util.function.Supplier<Duration> interval) {
        this.probe = probe;
        this.uplink = uplink;
        this.topic = Topics.heartbeat(stationId);
        this.interval = interval;
    }

    public void start() {
        scheduleNext();
        uplink.onConnectionChange(up -> {
            if (up) {
                try {
                    timer.execute(this::beat);
                } catch (RejectedExecutionException e) {
                    // stopping
                }
            }
        });
    }

    /** Beats once per interval, read afresh each time so a new setting applies from the next beat. */
    private synchronized void scheduleNext() {
        try {
            next = timer.schedule(() -> {
                beat();
                scheduleNext();
            }, interval.get().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Beats now and starts the interval again (its length may just have changed). */
    public synchronized void beatNow() {
        if (next != null) {
            next.cancel(false);
        }
        try {
            timer.execute(this::beat);
        } catch (RejectedExecutionException e) {
            return; // stopping
        }
        scheduleNext();
    }

    private void beat() {
        if (!uplink.connected()) {
            return;
        }
        try {
            uplink.publish(topic, Json.write(probe.heartbeat()), 0, false);
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
