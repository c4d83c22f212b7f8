package org.gridstation.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridstation.gateway.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/live}: server-sent events telling dashboards that something changed
 * (a station turned online or offline, who is on duty, an incident, a setting), so the board
 * updates without a reload. Bursts are coalesced into one {@code change} event per 250 ms; a
 * comment every 15 s keeps proxies from closing an idle stream. The event carries no data a page
 * could not read from the REST API.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService exec = BackgroundThreads.single("live-feed");

    public LiveFeed() {
        exec.scheduleWithFixedDelay(() -> each(c -> c.sendComment("keep-alive")), 15, 15, TimeUnit.SECONDS);
    }

    void register(RoutesConfig r) {
        r.sse("/api/v1/live", client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            clients.add(client);
            client.sendEvent("hello", "{}");
        });
    }

    /** Something dashboards show changed; they hear of it within about 250 ms. */
    public void changed() {
        if (scheduled.compareAndSet(false, true) && !exec.isShutdown()) {
            exec.schedule(() -> {
                scheduled.set(false);
                each(c -> c.sendEvent("change", "{}"));
            }, 250, TimeUnit.MILLISECONDS);
        }
    }

    /** Open streams, for tests and metrics. */
    public int clients() {
        return clients.size();
    }

    private void each(java.util.function.Consumer<SseClient> send) {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    send.accept(c);
                }
            } catch (RuntimeException e) {
                log.debug("live client gone: {}", e.toString());
                clients.remove(c);
            }
        }
    }

    /**
     * Stops pushing. The streams themselves end when the web server stops: closing a client from
     * outside its request makes Javalin 7 loop on a NullPointerException, so they are only dropped.
     */
    @Override
    public void close() {
        exec.shutdownNow();
        clients.clear();
    }
}
