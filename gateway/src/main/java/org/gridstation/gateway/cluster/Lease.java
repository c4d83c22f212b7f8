package org.gridstation.gateway.cluster;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named lease in the store's {@code leases} table, so that of several gateway instances on one
 * store exactly one does the scheduled work (escalation deadlines, roster rules, webhook
 * deliveries). The holder renews it every third of its time to live; another instance takes it
 * once it has expired, so an instance that dies hands its work over within the time to live. An
 * instance that closes releases it at once.
 *
 * <p>The holder counts its lease from before each renewal on its own monotonic clock, so it stops
 * believing it holds the lease before any other instance can take it (with the instances' wall
 * clocks in step, as NTP keeps them). The work itself stays safe at a handover: each deadline fires
 * in one transaction guarded by {@code fired_at IS NULL}, and a webhook delivery is claimed in the
 * store before it is sent.
 */
public final class Lease implements BooleanSupplier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final Database db;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private final ScheduledExecutorService exec;
    private volatile long heldUntilNanos = Long.MIN_VALUE;
    private volatile boolean held;

    public Lease(Database db, String name, String holder, Duration ttl, Clock clock) {
        this.db = db;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
        this.exec = BackgroundThreads.single("lease-" + name);
    }

    /** Tries to take the lease now and keeps renewing (or trying) every third of its time to live. */
    public void start() {
        renew();
        long period = Math.max(50, ttl.toMillis() / 3);
        exec.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Whether this instance holds the lease now. */
    @Override
    public boolean getAsBoolean() {
        return held && System.nanoTime() - heldUntilNanos < 0;
    }

    /** Takes or renews the lease if it is free, expired or ours; returns whether we hold it. */
    public boolean renew() {
        long startedNanos = System.nanoTime();
        try {
            long now = clock.millis();
            String current = db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO leases(name, holder, expires_at) VALUES (?,?,?)
                        ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                        WHERE leases.holder = excluded.holder OR leases.expires_at < ?""")) {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                    ps.setLong(3, now + ttl.toMillis());
                    ps.setLong(4, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT holder FROM leases WHERE name=?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            boolean ours = holder.equals(current);
            if (ours) {
                heldUntilNanos = startedNanos + ttl.toNanos();
            }
            if (ours != held) {
                log.info("{} the lease '{}'{}", ours ? "took" : "lost", name, ours ? "" : " (now held by " + current + ")");
            }
            held = ours;
            return ours;
        } catch (RuntimeException e) {
            // the store is unreachable: keep the lease only until its time runs out
            log.warn("could not renew the lease '{}': {}", name, e.toString());
            return getAsBoolean();
        }
    }

    /** Stops renewing and releases the lease, so another instance takes over at once. */
    @Override
    public void close() {
        BackgroundThreads.stop(exec);
        if (held) {
            held = false;
            try {
                db.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE name=? AND holder=?")) {
                        ps.setString(1, name);
                        ps.setString(2, holder);
                        return ps.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                log.warn("could not release the lease '{}': {}", name, e.toString());
            }
        }
    }
}
