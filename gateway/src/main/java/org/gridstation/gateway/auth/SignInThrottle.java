package org.gridstation.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing, per account and per client address. An account is locked after
 * {@value #ACCOUNT_FREE} failures in a row, for one minute, doubling with each further failure up
 * to an hour; a success resets it. An address is refused for the rest of a
 * {@link #ADDRESS_WINDOW} once it has failed {@value #ADDRESS_LIMIT} times in it (many accounts
 * tried from one place). Kept in memory: a restart forgives, which an attacker cannot cause.
 */
public final class SignInThrottle {
    static final int ACCOUNT_FREE = 5;
    static final Duration MAX_LOCK = Duration.ofHours(1);
    static final int ADDRESS_LIMIT = 30;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> accounts = lru();
    private final Map<String, Deque<Instant>> addresses = lru();

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {
    }

    /** How long until {@code account} from {@code address} may try again, if it may not now. */
    public synchronized Optional<Duration> wait(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        Failures f = accounts.get(key(account));
        if (f != null && f.count() >= ACCOUNT_FREE) {
            Instant until = f.last().plus(lockFor(f.count()));
            if (until.isAfter(now)) {
                wait = Duration.between(now, until);
            }
        }
        Deque<Instant> times = addresses.get(address);
        if (times != null) {
            prune(times, now);
            if (times.size() >= ADDRESS_LIMIT) {
                Duration d = Duration.between(now, times.peekFirst().plus(ADDRESS_WINDOW));
                if (d.compareTo(wait) > 0) {
                    wait = d;
                }
            }
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait.plusMillis(999).withNanos(0));
    }

    public synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        accounts.merge(key(account), new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        Deque<Instant> times = addresses.computeIfAbsent(address, a -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
    }

    public synchronized void succeeded(String account) {
        accounts.remove(key(account));
    }

    static Duration lockFor(int failures) {
        int over = Math.min(failures - ACCOUNT_FREE, 6); // 1, 2, 4 … 64 minutes
        Duration d = Duration.ofMinutes(1L << over);
        return d.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : d;
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(ADDRESS_WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static String key(String account) {
        return account == null ? "" : account.toLowerCase(java.util.Locale.ROOT);
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
