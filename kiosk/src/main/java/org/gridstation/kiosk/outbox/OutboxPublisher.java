package org.gridstation.kiosk.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.kiosk.mqtt.Uplink;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to the broker on one thread.
 *
 * <p>While connected it takes the due events in sequence order, a window at a time (no more than
 * the broker lets be in flight), publishes them at QoS 1 on the station's events topic and marks
 * them published once the broker accepted them. An event leaves the outbox only when the gateway's
 * {@link Ack} names it ({@link #onAck}); one not acknowledged is sent again by the outbox's re-send
 * rules ({@link Outbox}: after a reconnect, or when the gateway has been silent towards this station
 * for {@code resendAfter}, backing off). The thread sleeps until an event is appended, the connection
 * comes up, or a resend is due.
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    private static final long PUBLISH_TIMEOUT_MS = 15_000;

    private final Outbox outbox;
    private final Uplink uplink;
    private final String stationId;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong foreignAcks = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public OutboxPublisher(Outbox outbox, Uplink uplink, String stationId, Clock clock) {
        this.outbox = outbox;
        this.uplink = uplink;
        this.stationId = stationId;
        this.clock = clock;
        outbox.onAppend(this::wake);
        uplink.onConnectionChange(up -> {
            if (up) {
                outbox.connected(clock.instant()); // what the broker had unacknowledged before may be lost: send it again
            }
            wake();
        });
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "kiosk-outbox-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the publisher to look at the outbox now. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /**
     * Removes the events an ack names. An ack for another station is counted and ignored.
     * Safe to call from the MQTT callback thread.
     */
    public void onAck(Ack ack) {
        if (!ack.stationId().equals(stationId)) {
            foreignAcks.incrementAndGet();
            log.warn("ignored an ack addressed to station {}", ack.stationId());
            return;
        }
        int removed = outbox.acknowledge(ack.eventIds());
        acknowledged.addAndGet(removed);
    }

    /** Events handed to the broker since start (re-sends included). */
    public long publishedCount() {
        return published.get();
    }

    /** Events removed from the outbox by acks since start. */
    public long acknowledgedCount() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
        }
        wake();
        t.interrupt();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                Duration pause = cycle();
                if (!pause.isZero()) {
                    wake.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("outbox publisher cycle failed; retrying", e);
                sleepQuietly(RETRY_PAUSE);
            }
        }
    }

    /** Publishes one window of due events; returns how long to wait before the next cycle. */
    private Duration cycle() throws InterruptedException {
        if (!uplink.connected()) {
            return IDLE_CHECK;
        }
        Instant now = clock.instant();
        List<Event> due = outbox.due(now, uplink.maxInFlight());
        if (due.isEmpty()) {
            return outbox.nextResendAt()
                    .map(at -> Duration.between(now, at).plusMillis(10))
                    .filter(d -> d.compareTo(IDLE_CHECK) < 0)
                    .map(d -> d.isNegative() || d.isZero() ? Duration.ofMillis(10) : d)
                    .orElse(IDLE_CHECK);
        }
        String topic = Topics.events(stationId);
        List<CompletableFuture<Void>> futures = new ArrayList<>(due.size());
        for (Event e : due) {
            futures.add(uplink.publish(topic, Json.write(e), 1, false));
        }
        List<UUID> sent = new ArrayList<>(due.size());
        int failed = 0;
        for (int i = 0; i < due.size(); i++) {
            try {
                futures.get(i).get(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                sent.add(due.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                failed++;
            }
        }
        outbox.markPublished(sent, clock.instant());
        published.addAndGet(sent.size());
        if (failed > 0) {
            log.info("{} of {} events were not accepted by the broker; they stay due", failed, due.size());
            return RETRY_PAUSE;
        }
        return Duration.ZERO;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
