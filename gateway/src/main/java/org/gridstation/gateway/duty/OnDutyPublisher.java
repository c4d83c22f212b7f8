package org.gridstation.gateway.duty;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.OnDutyList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the retained {@code gs/v1/town/on-duty} list current: every second it reads who is on duty
 * and publishes the list when it changed (and after every reconnect), so a kiosk can refuse a badge
 * already checked in at another station.
 */
public final class OnDutyPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnDutyPublisher.class);
    private static final long PERIOD_MS = 1_000;

    private final DutyLog duty;
    private final Publisher publisher;
    private final Clock clock;
    private final ScheduledExecutorService exec = BackgroundThreads.single("on-duty-publisher");
    private byte[] published;
    private volatile Runnable onChange = () -> { };

    public OnDutyPublisher(DutyLog duty, Publisher publisher, Clock clock) {
        this.duty = duty;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Called when who is on duty changed (e.g. to push the dashboard). */
    public void onChange(Runnable hook) {
        this.onChange = hook;
    }

    public void start() {
        exec.scheduleWithFixedDelay(() -> check(false), 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Publishes the list again even if unchanged, e.g. after a reconnect to the broker. */
    public void republish() {
        if (!exec.isShutdown()) {
            exec.execute(() -> check(true));
        }
    }

    private void check(boolean force) {
        try {
            List<OnDutyList.Entry> entries = duty.onDutyEverywhere().stream()
                    .map(s -> new OnDutyList.Entry(s.personId(), s.stationId(), s.inAt()))
                    .toList();
            byte[] canonical = Json.write(new OnDutyList(Schema.VERSION, entries, Instant.EPOCH));
            if (!force && Arrays.equals(canonical, published)) {
                return;
            }
            if (!Arrays.equals(canonical, published)) {
                onChange.run();
            }
            byte[] message = Json.write(new OnDutyList(Schema.VERSION, entries, clock.instant()));
            if (publisher.publish(Topics.TOWN_ON_DUTY, message, 1, true)) {
                published = canonical;
            }
        } catch (RuntimeException e) {
            log.warn("publishing the on-duty list failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        BackgroundThreads.stop(exec);
    }
}
